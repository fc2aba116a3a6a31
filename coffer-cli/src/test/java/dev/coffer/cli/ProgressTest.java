package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void render_showsPercentBytesRateAndEta() {
        Progress progress = Progress.bar(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                "encrypting", 1000L << 20);
        progress.advance(250L << 20);
        String line = progress.render(System.nanoTime());
        assertThat(line).startsWith("encrypting [======").contains(" 25% ", "250.0 MiB / 1000.0 MiB", "/s", "ETA ");
    }

    @Test
    void render_ofUnknownTotal_showsBytesAndRateOnly() {
        Progress progress = Progress.bar(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                "decrypting", -1);
        progress.advance(5000);
        assertThat(progress.render(System.nanoTime())).startsWith("decrypting 4.9 KiB ").doesNotContain("ETA", "%");
    }

    @Test
    void finish_clearsWhatWasDrawn_andNoneDrawsNothing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress.none().advance(1 << 30);
        Progress.none().finish();
        assertThat(err.size()).isZero();
        assertThat(Progress.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Progress.duration(3725)).isEqualTo("1:02:05");
        assertThat(Progress.duration(65)).isEqualTo("1:05");
    }
}
