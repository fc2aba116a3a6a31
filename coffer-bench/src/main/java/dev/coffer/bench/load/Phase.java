package dev.coffer.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One timed phase: {@code concurrency} platform threads each repeat an operation until the deadline or the
 * shared operation budget runs out. Throughput counts the bytes of completed operations over the wall time
 * from the start until the last operation finished (operations started before the deadline run to the end).
 */
final class Phase {
    /** One operation by worker {@code worker}, its {@code n}th; returns the bytes it moved. */
    interface Operation {
        long run(int worker, long n) throws Exception;
    }

    /** What a phase measured. Latencies in nanoseconds, sorted. */
    record Result(long ops, long bytes, double seconds, long[] latencies, double serverCpu, double serverSystemCpu,
            double clientCpu) {
        double megabytesPerSecond() {
            return bytes / seconds / 1e6;
        }

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, i))] / 1e6;
        }
    }

    private Phase() {}

    static Result run(int concurrency, double seconds, long maxOps, CpuMeter cpu, Operation op)
            throws InterruptedException {
        AtomicLong budget = new AtomicLong(maxOps);
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<long[]> perWorker = new ArrayList<>();
        int[] counts = new int[concurrency];
        List<Thread> threads = new ArrayList<>();
        double server0 = cpu.server();
        double system0 = cpu.serverSystem();
        double client0 = cpu.client();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        for (int w = 0; w < concurrency; w++) {
            long[] latencies = new long[(int) Math.min(maxOps, 1 << 20)];
            perWorker.add(latencies);
            int worker = w;
            threads.add(Thread.ofPlatform().name("load-" + w).start(() -> {
                long n = 0;
                while (System.nanoTime() < deadline && n < latencies.length && budget.getAndDecrement() > 0
                        && failure.get() == null) {
                    long t0 = System.nanoTime();
                    try {
                        bytes.addAndGet(op.run(worker, n));
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    latencies[(int) n] = System.nanoTime() - t0;
                    n++;
                    counts[worker] = (int) n;
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double serverCpu = cpu.server() - server0;
        double systemCpu = cpu.serverSystem() - system0;
        double clientCpu = cpu.client() - client0;
        if (failure.get() != null) {
            throw new IllegalStateException("operation failed: " + failure.get(), failure.get());
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        for (int w = 0, at = 0; w < concurrency; w++) {
            System.arraycopy(perWorker.get(w), 0, all, at, counts[w]);
            at += counts[w];
        }
        Arrays.sort(all);
        return new Result(total, bytes.get(), elapsed, all, serverCpu, systemCpu, clientCpu);
    }
}
