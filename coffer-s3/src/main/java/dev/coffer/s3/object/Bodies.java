package dev.coffer.s3.object;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.stream.BodyCipher;
import dev.coffer.crypto.stream.BodyIntegrityException;
import dev.coffer.crypto.stream.BodyParameters;
import dev.coffer.crypto.stream.OuterLayerCipher;
import dev.coffer.s3.CofferBugException;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.sse.ObjectBinding;
import dev.coffer.store.BlobId;
import dev.coffer.store.BlobStore;
import dev.coffer.store.NoSuchBlobException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The body pipeline of objects and parts: plaintext ↔ {@link BodyCipher} (↔ {@link OuterLayerCipher} for the
 * second layer of DSSE-KMS) ↔ blob. {@code purpose} names which body of the object it is: {@code "body"} for a
 * single-part object, {@code "part N"} for part N; it is the associated data of both layers (the outer layer's
 * prefixed with {@code "outer "}), so bodies cannot be moved between objects or part numbers.
 */
final class Bodies {
    private static final int COPY_BUFFER = 64 * 1024;

    private Bodies() {}

    /** The size of a plaintext written, and its MD5 if it was asked for. */
    record Written(long size, Optional<byte[]> md5) {}

    /**
     * Encrypts all of {@code body} into {@code sink} (closed at the end), with its MD5 if {@code withMd5}: the
     * body's known one, else hashed on the way. MD5 runs at ~0.7 GB/s, slower than everything else a write does
     * together, and only SSE-S3's ETag needs it. Stops with {@code EntityTooLarge} past {@code maxBytes}.
     */
    static Written write(UploadBody body, OutputStream sink, Secret dataKey, Optional<Secret> outerKey,
            ObjectBinding where, String purpose, SecureRandom random, long maxBytes, boolean withMd5)
            throws IOException {
        InputStream in = body.stream();
        Optional<byte[]> knownMd5 = withMd5 ? body.contentMd5() : Optional.empty();
        OutputStream target = sink;
        if (outerKey.isPresent()) {
            target = OuterLayerCipher.create(outerKey.get())
                    .encryptingStream(sink, where.associatedData("outer " + purpose), random);
        }
        MessageDigest md5 = withMd5 && knownMd5.isEmpty() ? ObjectWrites.md5() : null;
        long total = 0;
        try (OutputStream ciphertext = BodyCipher.create(dataKey, BodyParameters.DEFAULT)
                .encryptingStream(target, where.associatedData(purpose))) {
            byte[] buffer = new byte[COPY_BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (n == 0) {
                    continue;
                }
                total += n;
                if (total > maxBytes) {
                    throw new S3Exception(S3ErrorCode.ENTITY_TOO_LARGE,
                            "Your proposed upload exceeds the maximum allowed size")
                            .withDetail("MaxSizeAllowed", Long.toString(maxBytes));
                }
                if (md5 != null) {
                    md5.update(buffer, 0, n);
                }
                ciphertext.write(buffer, 0, n);
            }
        }
        // The stream has ended, so a known MD5 (a Content-MD5) has been verified against the body.
        return new Written(total, knownMd5.or(() -> Optional.ofNullable(md5).map(MessageDigest::digest)));
    }

    /**
     * Plaintext bytes {@code first..last} of a stored body of {@code size} bytes, or empty if its blob is gone
     * (an overwrite deleted it since the row was read).
     */
    static Optional<InputStream> open(BlobStore blobs, BlobId blob, Secret dataKey, Optional<Secret> outerKey,
            ObjectBinding where, String purpose, long size, int bodyFormat, int segmentSize, long first, long last) {
        if (bodyFormat != BodyCipher.FORMAT_VERSION) {
            throw new CofferBugException("unknown body format " + bodyFormat);
        }
        SeekableByteChannel channel;
        try {
            channel = blobs.openChannel(blob);
        } catch (NoSuchBlobException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (outerKey.isPresent()) {
                channel = OuterLayerCipher.create(outerKey.get())
                        .decryptingChannel(channel, where.associatedData("outer " + purpose));
            }
            BodyCipher cipher = BodyCipher.create(dataKey, new BodyParameters(segmentSize));
            return Optional.of(cipher.decryptingStream(channel, size, first, last, where.associatedData(purpose)));
        } catch (BodyIntegrityException e) {
            close(channel);
            throw new CofferBugException("stored body of an object is damaged", e);
        } catch (IOException | RuntimeException e) {
            close(channel);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static void close(SeekableByteChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
