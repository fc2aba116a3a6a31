package dev.coffer.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The standard streams of a command, injectable so that tests run commands in-process. {@code out} carries
 * binary data (ciphertext or plaintext for {@code -}); {@code err} carries messages and the progress bar.
 */
public record Stdio(InputStream in, OutputStream out, PrintStream err, boolean errIsTerminal) {
    public Stdio {
        requireNonNull(in, "in");
        requireNonNull(out, "out");
        requireNonNull(err, "err");
    }

    public static Stdio system() {
        return new Stdio(System.in, System.out, System.err, stderrIsTerminal());
    }

    /**
     * Whether fd 2 is a terminal. Java has no isatty; on Linux /proc tells exactly, elsewhere the console's
     * own check (which looks at stdin and stdout) is the closest thing.
     */
    static boolean stderrIsTerminal() {
        try {
            Path fd2 = Path.of("/proc/self/fd/2");
            if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // fall through to the console
        }
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }
}
