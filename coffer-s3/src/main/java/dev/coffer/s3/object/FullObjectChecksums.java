package dev.coffer.s3.object;

import dev.coffer.s3.CofferBugException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Checksums of multipart objects as S3 defines them: COMPOSITE (the checksum of the concatenated part checksums,
 * "-N") and FULL_OBJECT for the CRCs, which is the CRC of the whole object, computed from the parts' CRCs and
 * sizes without reading a byte (the CRC combination of zlib's {@code crc32_combine}, for any reflected CRC whose
 * initial value and final XOR are all ones: CRC32, CRC32C, CRC64NVME).
 */
final class FullObjectChecksums {
    private FullObjectChecksums() {}

    static byte[] digest(String algorithm, byte[] data) {
        return switch (algorithm) {
            case "CRC32" -> {
                CRC32 c = new CRC32();
                c.update(data);
                yield ByteBuffer.allocate(4).putInt((int) c.getValue()).array();
            }
            case "CRC32C" -> {
                CRC32C c = new CRC32C();
                c.update(data);
                yield ByteBuffer.allocate(4).putInt((int) c.getValue()).array();
            }
            case "SHA1", "SHA256" -> {
                try {
                    yield MessageDigest.getInstance(algorithm.equals("SHA1") ? "SHA-1" : "SHA-256").digest(data);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
            default -> throw new CofferBugException("no composite checksum for " + algorithm);
        };
    }

    /** The FULL_OBJECT checksum of the parts, or empty for an algorithm S3 has none for (the SHAs). */
    static Optional<Checksum> combine(String algorithm, List<PartTable.StoredPart> parts) {
        long poly;
        int width;
        switch (algorithm) {
            case "CRC32" -> {
                poly = 0xEDB88320L;
                width = 32;
            }
            case "CRC32C" -> {
                poly = 0x82F63B78L;
                width = 32;
            }
            case "CRC64NVME" -> {
                poly = 0x9A6C9329AC4BC9B5L;
                width = 64;
            }
            default -> {
                return Optional.empty();
            }
        }
        long crc = 0;
        boolean first = true;
        for (PartTable.StoredPart p : parts) {
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(p.checksumValue().orElseThrow()));
            long partCrc = width == 32 ? b.getInt() & 0xffffffffL : b.getLong();
            crc = first ? partCrc : combine(crc, partCrc, p.size(), poly, width);
            first = false;
        }
        byte[] out = width == 32 ? ByteBuffer.allocate(4).putInt((int) crc).array()
                : ByteBuffer.allocate(8).putLong(crc).array();
        return Optional.of(new Checksum(algorithm, Base64.getEncoder().encodeToString(out), Checksum.FULL_OBJECT));
    }

    /** CRC(A ‖ B) from CRC(A), CRC(B) and |B|. */
    static long combine(long crc1, long crc2, long len2, long poly, int width) {
        if (len2 == 0) {
            return crc1;
        }
        long[] even = new long[width];
        long[] odd = new long[width];
        odd[0] = poly;
        long row = 1;
        for (int n = 1; n < width; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd);
        square(odd, even);
        do {
            square(even, odd);
            if ((len2 & 1) != 0) {
                crc1 = times(even, crc1);
            }
            len2 >>>= 1;
            if (len2 == 0) {
                break;
            }
            square(odd, even);
            if ((len2 & 1) != 0) {
                crc1 = times(odd, crc1);
            }
            len2 >>>= 1;
        } while (len2 != 0);
        return crc1 ^ crc2;
    }

    private static long times(long[] mat, long vec) {
        long sum = 0;
        for (int i = 0; vec != 0; i++, vec >>>= 1) {
            if ((vec & 1) != 0) {
                sum ^= mat[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] mat) {
        for (int n = 0; n < mat.length; n++) {
            square[n] = times(mat, mat[n]);
        }
    }
}
