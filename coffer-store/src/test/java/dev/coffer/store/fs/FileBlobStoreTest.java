package dev.coffer.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.store.BlobId;
import dev.coffer.store.NoSuchBlobException;
import dev.coffer.store.PendingBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest {
    @TempDir
    Path root;
    private FileBlobStore store;

    @BeforeEach
    void open() throws IOException {
        store = FileBlobStore.open(root, new SecureRandom());
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private BlobId put(byte[] data) throws IOException {
        try (PendingBlob pending = store.create()) {
            pending.outputStream().write(data);
            return pending.commit();
        }
    }

    private byte[] readAll(BlobId id) throws IOException {
        try (InputStream in = store.openStream(id, 0)) {
            return in.readAllBytes();
        }
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve(FileBlobStore.TMP_DIR))) {
            return s.toList();
        }
    }

    private List<BlobId> listed() throws IOException {
        try (Stream<BlobId> s = store.list()) {
            return s.toList();
        }
    }

    @Test
    void commit_makesBlobVisibleWithTheBytesWritten() throws IOException {
        byte[] data = bytes(1_000_003, 1); // several buffers, odd length
        BlobId id = put(data);
        assertThat(store.exists(id)).isTrue();
        assertThat(store.size(id)).isEqualTo(data.length);
        assertThat(readAll(id)).isEqualTo(data);
        assertThat(listed()).containsExactly(id);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void commit_fansOutByTheFirstTwoBytesOfTheId() throws IOException {
        BlobId id = put(new byte[] {1, 2, 3});
        String v = id.value();
        assertThat(root.resolve("blobs").resolve(v.substring(0, 2)).resolve(v.substring(2, 4)).resolve(v))
                .isRegularFile().hasBinaryContent(new byte[] {1, 2, 3});
    }

    @Test
    void close_withoutCommit_leavesNoTrace() throws IOException {
        try (PendingBlob pending = store.create()) {
            pending.outputStream().write(bytes(300_000, 2));
            assertThat(tempFiles()).hasSize(1);
        }
        assertThat(tempFiles()).isEmpty();
        assertThat(listed()).isEmpty();
    }

    @Test
    void failureWhileWriting_inTryWithResources_leavesNoTrace() {
        assertThatThrownBy(() -> {
            try (PendingBlob pending = store.create()) {
                pending.outputStream().write(bytes(1000, 3));
                throw new IOException("client went away");
            }
        }).hasMessage("client went away");
        assertThat(root.resolve(FileBlobStore.TMP_DIR)).isEmptyDirectory();
    }

    @Test
    void streamAndChannelWrites_landInOrder() throws IOException {
        byte[] big = bytes(200_000, 4);
        BlobId id;
        try (PendingBlob pending = store.create()) {
            OutputStream out = pending.outputStream();
            out.write(7);
            out.write(new byte[] {8, 9});
            pending.channel().write(ByteBuffer.wrap(new byte[] {10, 11}));
            out.write(big);
            out.write(12);
            out.close(); // an encrypting wrapper closes what it wraps; that must not commit or discard
            assertThat(pending.size()).isEqualTo(6 + big.length);
            id = pending.commit();
        }
        byte[] all = readAll(id);
        assertThat(all).startsWith(7, 8, 9, 10, 11).endsWith(12).hasSize(6 + big.length);
    }

    @Test
    void write_afterCommit_fails() throws IOException {
        try (PendingBlob pending = store.create()) {
            pending.outputStream().write(1);
            pending.commit();
            assertThatThrownBy(() -> pending.outputStream().write(2)).isInstanceOf(IOException.class);
            assertThatThrownBy(pending::commit).isInstanceOf(IOException.class);
        }
    }

    @Test
    void sweepTempFiles_removesCrashLeftoversButSparesWritesInFlight() throws IOException {
        Path leftover = root.resolve(FileBlobStore.TMP_DIR).resolve("0123456789abcdef0123456789abcdef.tmp");
        Files.write(leftover, bytes(100, 5)); // what a killed process leaves behind
        try (PendingBlob inFlight = store.create()) {
            inFlight.outputStream().write(bytes(100, 6));
            assertThat(store.sweepTempFiles()).isEqualTo(1);
            assertThat(leftover).doesNotExist();
            BlobId id = inFlight.commit();
            assertThat(store.size(id)).isEqualTo(100);
        }
        assertThat(store.sweepTempFiles()).isZero();
    }

    @Test
    void sweepTempFiles_inANewInstance_removesWhatAnEarlierOneLeft() throws IOException {
        PendingBlob abandoned = store.create(); // never closed: the process "crashed"
        abandoned.outputStream().write(bytes(10, 7));
        abandoned.outputStream().flush();
        FileBlobStore afterRestart = FileBlobStore.open(root, new SecureRandom());
        assertThat(afterRestart.sweepTempFiles()).isEqualTo(1);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void openStream_atOffset_readsFromThereToTheEnd() throws IOException {
        byte[] data = bytes(500_000, 8);
        BlobId id = put(data);
        try (InputStream in = store.openStream(id, 123_456)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 123_456, data.length));
        }
        try (InputStream in = store.openStream(id, data.length + 10)) {
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThatThrownBy(() -> store.openStream(id, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openChannel_readsARangeAndIsReadOnly() throws IOException {
        byte[] data = bytes(100_000, 9);
        BlobId id = put(data);
        try (SeekableByteChannel ch = store.openChannel(id)) {
            assertThat(ch.size()).isEqualTo(data.length);
            ByteBuffer range = ByteBuffer.allocate(1000);
            ch.position(50_000).read(range);
            assertThat(range.array()).isEqualTo(java.util.Arrays.copyOfRange(data, 50_000, 51_000));
            assertThatThrownBy(() -> ch.write(ByteBuffer.wrap(new byte[1]))).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void missingBlob_isReportedAsSuch() {
        BlobId missing = BlobId.random(new SecureRandom());
        assertThat(store.exists(missing)).isFalse();
        assertThatThrownBy(() -> store.size(missing)).isInstanceOf(NoSuchBlobException.class)
                .hasMessageContaining(missing.value());
        assertThatThrownBy(() -> store.openChannel(missing)).isInstanceOf(NoSuchBlobException.class);
    }

    @Test
    void delete_removesTheBlobAndIsIdempotent() throws IOException {
        BlobId id = put(new byte[] {1});
        store.delete(id);
        assertThat(store.exists(id)).isFalse();
        store.delete(id);
        assertThat(listed()).isEmpty();
    }

    @Test
    void list_skipsFilesThatAreNotBlobs() throws IOException {
        BlobId id = put(new byte[] {1});
        Files.writeString(root.resolve("blobs").resolve("README"), "not a blob");
        BlobId misplaced = BlobId.random(new SecureRandom());
        Files.write(root.resolve("blobs").resolve(misplaced.value()), new byte[] {2}); // wrong directory
        assertThat(listed()).containsExactly(id);
    }

    @Test
    void emptyBlob_canBeStored() throws IOException {
        BlobId id;
        try (PendingBlob pending = store.create()) {
            id = pending.commit();
        }
        assertThat(store.size(id)).isZero();
        assertThat(readAll(id)).isEmpty();
    }
}
