package dev.coffer.bench.load;

import dev.coffer.bench.load.S3Load.Limits;
import dev.coffer.bench.load.S3Load.Shape;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Locale;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One cell of the matrix — a mode and a shape — as a PUT phase then a GET phase, each warmed up first. Worker
 * {@code w} writes keys {@code MODE/SIZE/w/0..SLOTS-1} in turn (overwriting) and reads back the ones it wrote;
 * the cell deletes them at the end.
 */
final class Cells {
    private static final int SLOTS = 4;
    private static final int DRAIN_BUFFER = 64 * 1024;

    private final S3Client s3;
    private final byte[] data;
    private final CpuMeter cpu;
    private final PrintStream out;
    private final ThreadLocal<byte[]> drain = ThreadLocal.withInitial(() -> new byte[DRAIN_BUFFER]);

    Cells(S3Client s3, byte[] data, CpuMeter cpu, PrintStream out) {
        this.s3 = s3;
        this.data = data;
        this.cpu = cpu;
        this.out = out;
    }

    void printHeader() {
        out.println("| mode | object | concurrency | op | ops | MB/s | p50 ms | p99 ms | server CPU (cores) "
                + "| of which kernel | client CPU (cores) | server CPU ms/MiB |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    }

    void warmUp(SseCase mode, Shape shape, double seconds) throws InterruptedException {
        seed(mode, shape);
        Phase.run(shape.concurrency(), seconds / 2, Long.MAX_VALUE, cpu, (w, n) -> put(mode, shape, w, n));
        Phase.run(shape.concurrency(), seconds / 2, Long.MAX_VALUE, cpu, (w, n) -> get(mode, shape, w, n));
        deleteKeys(mode, shape);
    }

    void run(SseCase mode, Shape shape, Limits limits) throws InterruptedException {
        seed(mode, shape);
        Phase.run(shape.concurrency(), limits.warmupSeconds(), limits.maxOps(), cpu, (w, n) -> put(mode, shape, w, n));
        print(mode, shape, "PUT", Phase.run(shape.concurrency(), limits.seconds(), limits.maxOps(), cpu,
                (w, n) -> put(mode, shape, w, n)));
        Phase.run(shape.concurrency(), limits.warmupSeconds(), limits.maxOps(), cpu, (w, n) -> get(mode, shape, w, n));
        print(mode, shape, "GET", Phase.run(shape.concurrency(), limits.seconds(), limits.maxOps(), cpu,
                (w, n) -> get(mode, shape, w, n)));
        deleteKeys(mode, shape);
    }

    /** Writes every key of the cell once, so reads find them whatever the PUT phases managed. */
    private void seed(SseCase mode, Shape shape) {
        java.util.stream.IntStream.range(0, shape.concurrency()).parallel().forEach(w -> {
            for (int slot = 0; slot < SLOTS; slot++) {
                put(mode, shape, w, slot);
            }
        });
    }

    private long put(SseCase mode, Shape shape, int worker, long n) {
        int size = shape.size();
        // A different window of the random data for each operation, without copying it.
        int offset = (int) ((n * 4099 + worker * 65537L) % (data.length - size + 1));
        s3.putObject(b -> mode.apply(b.bucket(S3Load.BUCKET).key(key(mode, shape, worker, n % SLOTS))),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, offset, size), size,
                        "application/octet-stream"));
        return size;
    }

    private long get(SseCase mode, Shape shape, int worker, long n) {
        return s3.getObject(b -> mode.apply(b.bucket(S3Load.BUCKET).key(key(mode, shape, worker, n % SLOTS))),
                ResponseTransformer.unmanaged((response, in) -> drain(in)));
    }

    private long drain(InputStream in) throws java.io.IOException {
        byte[] buffer = drain.get();
        long total = 0;
        for (int r; (r = in.read(buffer)) >= 0; ) {
            total += r;
        }
        return total;
    }

    private void deleteKeys(SseCase mode, Shape shape) {
        for (int w = 0; w < shape.concurrency(); w++) {
            for (int slot = 0; slot < SLOTS; slot++) {
                String key = key(mode, shape, w, slot);
                s3.deleteObject(b -> b.bucket(S3Load.BUCKET).key(key));
            }
        }
    }

    private static String key(SseCase mode, Shape shape, int worker, long slot) {
        return mode.label + "/" + shape.size() + "/" + worker + "/" + slot;
    }

    private void print(SseCase mode, Shape shape, String op, Phase.Result r) {
        double mib = r.bytes() / (double) (1 << 20);
        out.println(String.format(Locale.ROOT, "| %s | %s | %d | %s | %d | %.0f | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f |",
                mode.label, shape.label(), shape.concurrency(), op, r.ops(), r.megabytesPerSecond(),
                r.percentileMillis(50), r.percentileMillis(99), r.serverCpu() / r.seconds(),
                r.serverSystemCpu() / r.seconds(),
                r.clientCpu() / r.seconds(), r.serverCpu() * 1000 / mib));
        out.flush();
    }
}
