package dev.coffer.sigv4.checksum;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The body checksums S3 accepts, with their wire names. A value on the wire ({@code x-amz-checksum-crc32: …},
 * as a header or an aws-chunked trailer) is the base64 of the digest, big-endian for the CRCs.
 */
public enum ChecksumAlgorithm {
    CRC32("CRC32", 4),
    CRC32C("CRC32C", 4),
    CRC64NVME("CRC64NVME", 8),
    SHA1("SHA1", 20),
    SHA256("SHA256", 32);

    private final String algorithmName;
    private final String headerName;
    private final int digestLength;

    ChecksumAlgorithm(String algorithmName, int digestLength) {
        this.algorithmName = algorithmName;
        this.headerName = "x-amz-checksum-" + algorithmName.toLowerCase(Locale.ROOT);
        this.digestLength = digestLength;
    }

    /** The name in {@code x-amz-sdk-checksum-algorithm} and in S3's XML, e.g. {@code CRC32C}. */
    public String algorithmName() {
        return algorithmName;
    }

    /** The lower-case header (and trailer) name, e.g. {@code x-amz-checksum-crc32c}. */
    public String headerName() {
        return headerName;
    }

    public int digestLength() {
        return digestLength;
    }

    public RunningChecksum newChecksum() {
        return switch (this) {
            case CRC32 -> new CrcChecksum(new CRC32(), 4);
            case CRC32C -> new CrcChecksum(new CRC32C(), 4);
            case CRC64NVME -> new CrcChecksum(Crc64NvmeEngine.newChecksum(), 8);
            case SHA1 -> new DigestChecksum(digest("SHA-1"));
            case SHA256 -> new DigestChecksum(digest("SHA-256"));
        };
    }

    /** The digest of {@code bytes}, base64-encoded as it appears on the wire. */
    public String checksumOf(byte[] bytes) {
        RunningChecksum c = newChecksum();
        c.update(bytes, 0, bytes.length);
        return encode(c.finish());
    }

    public static String encode(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    /** The digest a wire value stands for, or empty if it is not base64 of a digest of this algorithm's length. */
    public Optional<byte[]> decode(String wireValue) {
        try {
            byte[] d = Base64.getDecoder().decode(wireValue.strip());
            return d.length == digestLength ? Optional.of(d) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Looks up a header or trailer name ({@code x-amz-checksum-crc32}), ignoring case. */
    public static Optional<ChecksumAlgorithm> fromHeaderName(String name) {
        for (ChecksumAlgorithm a : values()) {
            if (a.headerName.equalsIgnoreCase(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Looks up an algorithm name ({@code CRC32C}), ignoring case. */
    public static Optional<ChecksumAlgorithm> fromAlgorithmName(String name) {
        for (ChecksumAlgorithm a : values()) {
            if (a.algorithmName.equalsIgnoreCase(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + name, e);
        }
    }

    private record CrcChecksum(Checksum crc, int width) implements RunningChecksum {
        @Override
        public void update(byte[] bytes, int offset, int length) {
            crc.update(bytes, offset, length);
        }

        @Override
        public byte[] finish() {
            long v = crc.getValue();
            byte[] out = new byte[width];
            for (int i = width - 1; i >= 0; i--) {
                out[i] = (byte) v;
                v >>>= 8;
            }
            return out;
        }
    }

    private record DigestChecksum(MessageDigest md) implements RunningChecksum {
        @Override
        public void update(byte[] bytes, int offset, int length) {
            md.update(bytes, offset, length);
        }

        @Override
        public byte[] finish() {
            return md.digest();
        }
    }
}
