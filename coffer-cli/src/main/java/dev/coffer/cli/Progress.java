package dev.coffer.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: bytes done, rate, and (when the total is known) percentage and ETA.
 * Redrawn at most every {@value #REDRAW_MILLIS} ms from the copying thread, so it costs a clock read per chunk.
 * {@link #none()} draws nothing: stderr is not a terminal, or {@code --quiet}.
 */
class Progress {
    private static final long REDRAW_MILLIS = 200;
    private static final int BAR_WIDTH = 24;

    private final PrintStream err;
    private final String label;
    private final long total;
    private final long startNanos;
    private long done;
    private long lastDrawNanos;
    private int lastWidth;

    private Progress(PrintStream err, String label, long total, long startNanos) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.startNanos = startNanos;
        this.lastDrawNanos = startNanos;
    }

    /** A bar for {@code total} bytes ({@code -1} if unknown). */
    static Progress bar(PrintStream err, String label, long total) {
        return new Progress(requireNonNull(err, "err"), requireNonNull(label, "label"), total, System.nanoTime());
    }

    static Progress none() {
        return new Progress(null, "", -1, 0) {
            @Override
            void advance(long bytes) {
            }

            @Override
            void finish() {
            }
        };
    }

    void advance(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (now - lastDrawNanos >= REDRAW_MILLIS * 1_000_000L) {
            lastDrawNanos = now;
            draw(render(now));
        }
    }

    /** Clears the line, leaving stderr as it was. */
    void finish() {
        if (lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
        }
    }

    String render(long nowNanos) {
        double seconds = Math.max((nowNanos - startNanos) / 1e9, 1e-9);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            line.append('[').append("=".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", (int) (fraction * 100)))
                    .append(bytes(done)).append(" / ").append(bytes(total));
        } else {
            line.append(bytes(done));
        }
        line.append("  ").append(bytes((long) rate)).append("/s");
        if (total > 0 && rate > 0) {
            line.append("  ETA ").append(duration((long) Math.ceil(Math.max(0, total - done) / rate)));
        }
        return line.toString();
    }

    private void draw(String line) {
        int pad = Math.max(0, lastWidth - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastWidth = line.length();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    @Override
    public String toString() {
        return "Progress[" + done + "/" + total + "]";
    }
}
