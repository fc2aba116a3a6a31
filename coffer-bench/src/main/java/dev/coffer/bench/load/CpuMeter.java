package dev.coffer.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds used so far by the server process (from {@code /proc/PID/stat}, so waiting does not count) and
 * by this client process. Client and server share the machine's cores, so both are reported.
 */
final class CpuMeter {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private final long serverPid;

    private CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    static CpuMeter of(long serverPid) {
        return new CpuMeter(serverPid);
    }

    /** Server CPU seconds, or NaN without a pid. */
    double server() {
        return serverField(11) + serverField(12);
    }

    /** Server CPU seconds in the kernel (system time), or NaN without a pid. */
    double serverSystem() {
        return serverField(12);
    }

    private double serverField(int index) {
        if (serverPid <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command name
            return Long.parseLong(f[index]) / TICKS_PER_SECOND;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    double client() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
