package dev.coffer.crypto.stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.crypto.HkdfAesGcm;
import dev.coffer.crypto.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The second layer of DSSE-KMS: encrypts an already encrypted body (a {@link BodyCipher} stream) again, under an
 * independent key, with an independent AES-256-GCM implementation ({@link OuterGcm}) — AWS-LC's through the
 * Amazon Corretto Crypto Provider, or BouncyCastle's pure-Java {@code GCMBlockCipher} where AWS-LC does not load —
 * where the inner layer runs the JDK's SunJCE AES-GCM (through Tink). A flaw in one implementation leaves the other
 * layer standing. Both outer implementations compute standard GCM, so the bytes below do not depend on which one
 * wrote them. Segmented like the inner layer, so a range read decrypts only the outer segments that cover the
 * inner segments it needs.
 *
 * <p><b>Outer layer format, version 1 — frozen: stored on disk; never change it, add a version instead.</b>
 * <pre>
 *   byte      0x01            version
 *   byte[16]  salt            random per body
 *   byte[7]   nonce prefix    random per body
 *   segment 0 … n−1           AES-256-GCM(K, nonce_i, inner_i, associated data) ‖ tag (16 bytes)
 *
 *   inner_i = bytes [i·65536, min((i+1)·65536, size)) of the inner ciphertext; n = max(1, ⌈size / 65536⌉)
 *   K       = HKDF-SHA256(ikm = outer key, salt = salt, info = "coffer dsse outer layer v1"), 32 bytes
 *   nonce_i = nonce prefix ‖ uint32_be(i) ‖ (i = n−1 ? 0x01 : 0x00)
 * </pre>
 * The associated data (which object the body belongs to) is not stored; the reader supplies it. The last-segment
 * flag in the nonce makes truncation at a segment boundary fail.
 */
public final class OuterLayerCipher {
    public static final int FORMAT_VERSION = 1;
    public static final int HEADER_BYTES = 1 + 16 + 7;
    /** Inner-ciphertext bytes per outer segment. Never change it: stored bodies depend on it. */
    public static final int SEGMENT_BYTES = 64 * 1024;
    public static final int TAG_BYTES = 16;
    private static final byte[] INFO = "coffer dsse outer layer v1".getBytes(UTF_8);

    private final Secret key;
    private final OuterGcm gcm;

    private OuterLayerCipher(Secret key, OuterGcm gcm) {
        this.key = key;
        this.gcm = gcm;
    }

    /** A cipher under a 256-bit outer key (the caller keeps and closes the key), with {@link OuterGcm#preferred()}. */
    public static OuterLayerCipher create(Secret key) {
        return create(key, OuterGcm.preferred());
    }

    /** As {@link #create(Secret)}, with a chosen AES-GCM implementation (for tests and benchmarks). */
    public static OuterLayerCipher create(Secret key, OuterGcm gcm) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(gcm, "gcm");
        if (key.length() != 32) {
            throw new IllegalArgumentException("outer key must be 32 bytes, got " + key.length());
        }
        return new OuterLayerCipher(key, gcm);
    }

    /** Segments of an inner ciphertext of {@code innerSize} bytes. */
    static long segments(long innerSize) {
        return innerSize == 0 ? 1 : (innerSize + SEGMENT_BYTES - 1) / SEGMENT_BYTES;
    }

    /** The stored size of an inner ciphertext of {@code innerSize} bytes. */
    public static long ciphertextSize(long innerSize) {
        return HEADER_BYTES + innerSize + segments(innerSize) * TAG_BYTES;
    }

    /** A stream that encrypts what is written to it into {@code out}; closing it writes the last segment. */
    public OutputStream encryptingStream(OutputStream out, byte[] associatedData, SecureRandom random)
            throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        header[0] = FORMAT_VERSION;
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] prefix = new byte[7];
        random.nextBytes(prefix);
        System.arraycopy(salt, 0, header, 1, 16);
        System.arraycopy(prefix, 0, header, 17, 7);
        out.write(header);
        return new Encrypting(out, gcm.withKey(segmentKey(salt)), prefix, associatedData.clone());
    }

    /**
     * The inner ciphertext, as a read-only channel over the stored outer ciphertext (which it closes). Each read
     * authenticates the outer segment it comes from before returning any of its bytes.
     *
     * @throws BodyIntegrityException if the stored size or header is not a valid outer layer
     */
    public SeekableByteChannel decryptingChannel(SeekableByteChannel ciphertext, byte[] associatedData)
            throws IOException {
        long body = ciphertext.size() - HEADER_BYTES;
        long n = (body + SEGMENT_BYTES + TAG_BYTES - 1) / (SEGMENT_BYTES + TAG_BYTES);
        long innerSize = body - n * TAG_BYTES;
        if (body < TAG_BYTES || innerSize < 0 || segments(innerSize) != n) {
            throw new BodyIntegrityException("stored outer layer has an impossible size " + ciphertext.size());
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        ciphertext.position(0);
        SegmentReader.readFully(ciphertext, header);
        byte[] h = header.array();
        if (h[0] != FORMAT_VERSION) {
            throw new BodyIntegrityException("unknown outer layer version " + h[0]);
        }
        return new Decrypting(ciphertext, gcm.withKey(segmentKey(Arrays.copyOfRange(h, 1, 17))),
                Arrays.copyOfRange(h, 17, 24), associatedData.clone(), innerSize, n);
    }

    private byte[] segmentKey(byte[] salt) {
        return HkdfAesGcm.hkdfSha256(key.revealBytes(), salt, INFO, 32);
    }

    private static byte[] nonce(byte[] prefix, long index, boolean last) {
        byte[] n = new byte[12];
        System.arraycopy(prefix, 0, n, 0, 7);
        n[7] = (byte) (index >>> 24);
        n[8] = (byte) (index >>> 16);
        n[9] = (byte) (index >>> 8);
        n[10] = (byte) index;
        n[11] = (byte) (last ? 1 : 0);
        return n;
    }

    private static final class Encrypting extends OutputStream {
        private final OutputStream out;
        private final OuterGcm.Keyed gcm;
        private final byte[] prefix;
        private final byte[] aad;
        private final byte[] buffer = new byte[SEGMENT_BYTES];
        private final byte[] sealed = new byte[SEGMENT_BYTES + TAG_BYTES];
        private int filled;
        private long index;
        private boolean closed;

        Encrypting(OutputStream out, OuterGcm.Keyed gcm, byte[] prefix, byte[] aad) {
            this.out = out;
            this.gcm = gcm;
            this.prefix = prefix;
            this.aad = aad;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == SEGMENT_BYTES) {
                    seal(false); // more follows, so this segment is not the last
                }
                int n = Math.min(len, SEGMENT_BYTES - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            int n = gcm.seal(nonce(prefix, index, last), aad, buffer, filled, sealed);
            out.write(sealed, 0, n);
            index++;
            filled = 0;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                seal(true);
            } finally {
                Arrays.fill(buffer, (byte) 0);
                gcm.close();
                out.close();
            }
        }
    }

    private static final class Decrypting implements SeekableByteChannel {
        private final SeekableByteChannel in;
        private final OuterGcm.Keyed gcm;
        private final byte[] prefix;
        private final byte[] aad;
        private final long size;
        private final long segments;
        private final byte[] segment = new byte[SEGMENT_BYTES];
        private final ByteBuffer sealed = ByteBuffer.allocate(SEGMENT_BYTES + TAG_BYTES);
        private long loaded = -1;
        private int loadedLength;
        private long position;
        private boolean failed;

        Decrypting(SeekableByteChannel in, OuterGcm.Keyed gcm, byte[] prefix, byte[] aad, long size, long segments) {
            this.in = in;
            this.gcm = gcm;
            this.prefix = prefix;
            this.aad = aad;
            this.size = size;
            this.segments = segments;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (failed) {
                throw new BodyIntegrityException("outer layer failed authentication earlier");
            }
            if (position >= size) {
                return -1;
            }
            int total = 0;
            while (dst.hasRemaining() && position < size) {
                long i = position / SEGMENT_BYTES;
                load(i);
                int offset = (int) (position - i * SEGMENT_BYTES);
                int n = Math.min(dst.remaining(), loadedLength - offset);
                dst.put(segment, offset, n);
                position += n;
                total += n;
            }
            return total;
        }

        private void load(long i) throws IOException {
            if (loaded == i) {
                return;
            }
            boolean last = i == segments - 1;
            int plain = (int) (last ? size - i * SEGMENT_BYTES : SEGMENT_BYTES);
            sealed.clear().limit(plain + TAG_BYTES);
            in.position(HEADER_BYTES + i * (SEGMENT_BYTES + TAG_BYTES));
            SegmentReader.readFully(in, sealed);
            try {
                gcm.open(nonce(prefix, i, last), aad, sealed.array(), plain + TAG_BYTES, segment);
            } catch (GeneralSecurityException | RuntimeException e) {
                failed = true;
                loaded = -1;
                Arrays.fill(segment, (byte) 0);
                throw new BodyIntegrityException("outer layer segment " + i + " failed authentication", e);
            }
            loaded = i;
            loadedLength = plain;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            this.position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public SeekableByteChannel truncate(long s) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return in.isOpen();
        }

        @Override
        public void close() throws IOException {
            Arrays.fill(segment, (byte) 0);
            gcm.close();
            in.close();
        }
    }
}
