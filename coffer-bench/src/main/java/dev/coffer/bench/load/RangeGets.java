package dev.coffer.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Range-GET latency against object size: a 1-byte and a 64 KiB range from the middle of a 1 MiB and a 1 GiB
 * object, one request at a time. Each object is written once (the 1 GiB one from the 64 MiB of random data
 * repeated).
 */
final class RangeGets {
    private static final long[] OBJECT_SIZES = {1L << 20, 1L << 30};
    private static final int[] RANGE_LENGTHS = {1, 64 * 1024};

    private final S3Client s3;
    private final byte[] data;
    private final PrintStream out;
    private final byte[] sink = new byte[64 * 1024];

    RangeGets(S3Client s3, byte[] data, PrintStream out) {
        this.s3 = s3;
        this.data = data;
        this.out = out;
    }

    void run(SseCase mode, int iterations) {
        out.println();
        out.println("| mode | object | range | GETs | p50 ms | p99 ms |");
        out.println("|---|---|---|---|---|---|");
        for (long size : OBJECT_SIZES) {
            String key = "range/" + mode.label + "/" + size;
            write(mode, key, size);
            for (int length : RANGE_LENGTHS) {
                long first = size / 2 + 12345;
                String range = "bytes=" + first + "-" + (first + length - 1);
                for (int i = 0; i < Math.max(1, iterations / 4); i++) {
                    get(mode, key, range, length);
                }
                long[] latencies = new long[iterations];
                for (int i = 0; i < iterations; i++) {
                    long t0 = System.nanoTime();
                    get(mode, key, range, length);
                    latencies[i] = System.nanoTime() - t0;
                }
                Arrays.sort(latencies);
                out.println(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.2f | %.2f |", mode.label,
                        size >= 1L << 30 ? (size >> 30) + " GiB" : (size >> 20) + " MiB",
                        length == 1 ? "1 byte" : (length >> 10) + " KiB", iterations,
                        latencies[iterations / 2 - 1] / 1e6, latencies[(int) Math.ceil(iterations * 0.99) - 1] / 1e6));
                out.flush();
            }
        }
    }

    private void write(SseCase mode, String key, long size) {
        System.err.printf("writing %s (%d bytes)%n", key, size);
        s3.putObject(b -> mode.apply(b.bucket(S3Load.BUCKET).key(key)),
                RequestBody.fromContentProvider(() -> new Repeating(data, size), size, "application/octet-stream"));
    }

    private void get(SseCase mode, String key, String range, int length) {
        long n = s3.getObject(b -> mode.apply(b.bucket(S3Load.BUCKET).key(key).range(range)),
                ResponseTransformer.unmanaged((response, in) -> drain(in)));
        if (n != length) {
            throw new IllegalStateException("range " + range + " returned " + n + " bytes");
        }
    }

    private long drain(InputStream in) throws IOException {
        long total = 0;
        for (int r; (r = in.read(sink)) >= 0; ) {
            total += r;
        }
        return total;
    }

    /** {@code size} bytes of {@code data} repeated. */
    private static final class Repeating extends InputStream {
        private final byte[] data;
        private long remaining;
        private int position;

        Repeating(byte[] data, long size) {
            this.data = data;
            this.remaining = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, remaining), data.length - position);
            System.arraycopy(data, position, b, off, n);
            position = (position + n) % data.length;
            remaining -= n;
            return n;
        }
    }
}
