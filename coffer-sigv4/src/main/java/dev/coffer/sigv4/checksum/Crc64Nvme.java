package dev.coffer.sigv4.checksum;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME (poly 0xAD93D23594C93659, reflected, init and xorout all ones; check value for "123456789" is
 * 0xAE8B14860A799888), the checksum S3 computes by default since 2024. The JDK has no CRC-64, so this is a
 * slicing-by-8 table implementation: eight bytes per step, one table lookup per byte and no per-byte branch.
 */
public final class Crc64Nvme implements Checksum {
    /** The polynomial bit-reversed, because the CRC is computed least-significant bit first. */
    private static final long REFLECTED_POLY = Long.reverse(0xAD93D23594C93659L);
    /** Eight tables of 256 entries in one array: table {@code k} at offset {@code 256 * k}. */
    private static final long[] TABLES = buildTables();
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long crc = -1L;

    private static long[] buildTables() {
        long[] t = new long[8 * 256];
        for (int i = 0; i < 256; i++) {
            long c = i;
            for (int bit = 0; bit < 8; bit++) {
                c = (c >>> 1) ^ ((c & 1) != 0 ? REFLECTED_POLY : 0);
            }
            t[i] = c;
        }
        for (int k = 1; k < 8; k++) {
            for (int i = 0; i < 256; i++) {
                long prev = t[(k - 1) * 256 + i];
                t[k * 256 + i] = (prev >>> 8) ^ t[(int) (prev & 0xff)];
            }
        }
        return t;
    }

    @Override
    public void update(int b) {
        crc = (crc >>> 8) ^ TABLES[(int) ((crc ^ b) & 0xff)];
    }

    @Override
    public void update(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        long c = crc;
        long[] t = TABLES;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            long x = c ^ (long) LONG_LE.get(b, i);
            c = t[7 * 256 + (int) (x & 0xff)]
                    ^ t[6 * 256 + (int) ((x >>> 8) & 0xff)]
                    ^ t[5 * 256 + (int) ((x >>> 16) & 0xff)]
                    ^ t[4 * 256 + (int) ((x >>> 24) & 0xff)]
                    ^ t[3 * 256 + (int) ((x >>> 32) & 0xff)]
                    ^ t[2 * 256 + (int) ((x >>> 40) & 0xff)]
                    ^ t[256 + (int) ((x >>> 48) & 0xff)]
                    ^ t[(int) (x >>> 56)];
        }
        for (; i < end; i++) {
            c = (c >>> 8) ^ t[(int) ((c ^ b[i]) & 0xff)];
        }
        crc = c;
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }
}
