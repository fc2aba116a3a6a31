package dev.coffer.sigv4.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;

class ChecksumAlgorithmTest {
    private static final byte[] CHECK_INPUT = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void crc64Nvme_ofCheckString_isThePublishedCheckValue() {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(CHECK_INPUT, 0, CHECK_INPUT.length);

        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
        assertThat(ChecksumAlgorithm.CRC64NVME.checksumOf(CHECK_INPUT))
                .isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex("ae8b14860a799888")));
    }

    @Test
    void crc64Nvme_slicingByEight_agreesWithBitwiseDefinitionAtEveryLengthAndOffset() {
        SplittableRandom random = new SplittableRandom(42);
        byte[] data = new byte[4096];
        random.nextBytes(data);
        forEveryOffsetAndLength(200, (off, len) -> assertThat(crc64(new Crc64Nvme(), data, off, len))
                .as("off %d len %d", off, len).isEqualTo(bitwise(data, off, len)));
        Crc64Nvme split = new Crc64Nvme();
        split.update(data, 0, 1001);
        split.update(data[1001]);
        split.update(data, 1002, data.length - 1002);
        assertThat(split.getValue()).isEqualTo(bitwise(data, 0, data.length));
    }

    @Test
    void crc64Nvme_reset_startsOver() {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(new byte[] {1, 2, 3}, 0, 3);
        crc.reset();
        crc.update(CHECK_INPUT, 0, CHECK_INPUT.length);

        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void crc64NvmeEngine_onThisMachine_isTheNativeOne() {
        assertThat(Crc64NvmeEngine.load()).isEqualTo("AWS Common Runtime (native)");
        assertThat(Crc64NvmeEngine.newChecksum()).isNotInstanceOf(Crc64Nvme.class);
    }

    @Test
    void crc64NvmeEngine_native_agreesWithJavaTablesAtEveryLengthOffsetAndSplit() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] data = new byte[300_000];
        random.nextBytes(data);
        forEveryOffsetAndLength(300, (off, len) -> assertThat(crc64(Crc64NvmeEngine.newChecksum(), data, off, len))
                .as("off %d len %d", off, len).isEqualTo(crc64(new Crc64Nvme(), data, off, len)));
        java.util.zip.Checksum split = Crc64NvmeEngine.newChecksum();
        int at = 0;
        while (at < data.length) {
            int n = Math.min(data.length - at, 1 + random.nextInt(70_000));
            split.update(data, at, n);
            at += n;
        }
        assertThat(split.getValue()).isEqualTo(crc64(new Crc64Nvme(), data, 0, data.length));
        assertThat(ChecksumAlgorithm.CRC64NVME.checksumOf(data)).isEqualTo(Base64.getEncoder().encodeToString(
                java.nio.ByteBuffer.allocate(8).putLong(crc64(new Crc64Nvme(), data, 0, data.length)).array()));
    }

    /** Offsets 0–8 (every alignment of an 8-byte step) and lengths below {@code lengths}. */
    private static void forEveryOffsetAndLength(int lengths, java.util.function.BiConsumer<Integer, Integer> check) {
        for (int off = 0; off < 9; off++) {
            for (int len = 0; len < lengths; len++) {
                check.accept(off, len);
            }
        }
    }

    private static long crc64(java.util.zip.Checksum crc, byte[] data, int off, int len) {
        crc.update(data, off, len);
        return crc.getValue();
    }

    /** The SDK's CRC64NVME needs the native CRT, so the CRCs and digests it has in Java are compared here. */
    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "SHA1", "SHA256"})
    void checksumOf_matchesTheAwsSdk(ChecksumAlgorithm algorithm) {
        byte[] data = new byte[100_003];
        new SplittableRandom(7).nextBytes(data);
        SdkChecksum sdk = SdkChecksum.forAlgorithm(DefaultChecksumAlgorithm.fromValue(algorithm.algorithmName()));
        sdk.update(data, 0, data.length);

        assertThat(algorithm.checksumOf(data)).isEqualTo(Base64.getEncoder().encodeToString(sdk.getChecksumBytes()));
    }

    @Test
    void headerName_isTheLowerCaseAwsHeader() {
        assertThat(ChecksumAlgorithm.CRC64NVME.headerName()).isEqualTo("x-amz-checksum-crc64nvme");
        assertThat(ChecksumAlgorithm.fromHeaderName("X-Amz-Checksum-CRC32C")).contains(ChecksumAlgorithm.CRC32C);
        assertThat(ChecksumAlgorithm.fromHeaderName("x-amz-checksum-md5")).isEmpty();
        assertThat(ChecksumAlgorithm.fromAlgorithmName("sha256")).contains(ChecksumAlgorithm.SHA256);
    }

    @Test
    void decode_withWrongLengthOrNotBase64_isEmpty() {
        assertThat(ChecksumAlgorithm.CRC32.decode("BI4PvA==")).isPresent();
        assertThat(ChecksumAlgorithm.CRC32.decode("BI4PvAA=")).isEmpty();
        assertThat(ChecksumAlgorithm.CRC32.decode("not base64!")).isEmpty();
        assertThat(ChecksumAlgorithm.SHA256.decode("BI4PvA==")).isEmpty();
    }

    private static long bitwise(byte[] data, int off, int len) {
        long poly = Long.reverse(0xAD93D23594C93659L);
        long crc = -1L;
        for (int i = off; i < off + len; i++) {
            crc ^= data[i] & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ poly : crc >>> 1;
            }
        }
        return ~crc;
    }
}
