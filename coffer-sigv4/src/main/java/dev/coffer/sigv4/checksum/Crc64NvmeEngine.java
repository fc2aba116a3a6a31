package dev.coffer.sigv4.checksum;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.zip.Checksum;

/**
 * Which CRC-64/NVME implementation runs. S3 computes a CRC-64/NVME of every object uploaded without a checksum,
 * so it is on the hot path of such PUTs. The JDK has no CRC-64, and the best table loop in Java ({@link
 * Crc64Nvme}) runs at ~1.4 GB/s here — 18% of a 1 MiB PUT's server CPU; the AWS Common Runtime's (the library
 * the AWS SDKs use for this checksum) folds with carry-less multiplies at 40–55 GB/s (docs/PERFORMANCE.md). The
 * runtime is used where its native library loads (Linux, macOS, Windows on x86-64 and ARM); {@link Crc64Nvme}
 * elsewhere, with identical results (tested against each other).
 */
public final class Crc64NvmeEngine {
    /** Why the native implementation is not used; empty when it is. */
    private static final String NOT_NATIVE = loadNative();
    private static final boolean NATIVE = NOT_NATIVE.isEmpty();

    private Crc64NvmeEngine() {}

    /** A new running CRC-64/NVME. */
    public static Checksum newChecksum() {
        return NATIVE ? new software.amazon.awssdk.crt.checksums.CRC64NVME() : new Crc64Nvme();
    }

    /**
     * Loads the native library now, if it is not loaded yet (~0.3 s the first time: it is unpacked from the jar
     * and linked), so that the first PUT does not pay for it. Returns which implementation runs, for the log.
     */
    public static String load() {
        return NATIVE ? "AWS Common Runtime (native)" : "Java tables (" + NOT_NATIVE + ")";
    }

    /** Empty if the native implementation loads and gives the check value; otherwise why not. */
    private static String loadNative() {
        if (Boolean.getBoolean("coffer.crc64.java")) {
            return "-Dcoffer.crc64.java=true";
        }
        try {
            Checksum probe = new software.amazon.awssdk.crt.checksums.CRC64NVME();
            byte[] check = "123456789".getBytes(US_ASCII);
            probe.update(check, 0, check.length);
            return probe.getValue() == 0xAE8B14860A799888L ? "" : "the AWS Common Runtime gave a wrong check value";
        } catch (LinkageError | RuntimeException e) {
            return "the AWS Common Runtime does not load here: " + e;
        }
    }
}
