package dev.coffer.cli;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opening the input and copying it through the cipher in large chunks, in constant memory. */
final class Transfer {
    /**
     * Bytes handed to the AWS Encryption SDK per call. It allocates an output array of about this size per call,
     * so larger chunks only cost heap; 1 MiB keeps its per-call overhead out of the measurements. Decrypting, it
     * also copies each call's input twice into new arrays; chunks of one frame to 256 KiB, which keep those arrays
     * small, were measured no faster, one frame slower (docs/PERFORMANCE.md, "Decrypt against encrypt").
     */
    static final int CHUNK = 1 << 20;

    private Transfer() {
    }

    /** An opened input and its size in bytes, {@code -1} for standard input. */
    record Input(InputStream stream, long size) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    static Input open(String name, Stdio stdio) {
        if (name.equals("-")) {
            return new Input(new FilterInputStream(stdio.in()) {
                @Override
                public void close() {
                    // standard input stays open
                }
            }, -1);
        }
        Path path = Path.of(name);
        try {
            if (Files.isDirectory(path)) {
                throw CliException.io(name + ": is a directory", null);
            }
            long size = Files.size(path);
            return new Input(Files.newInputStream(path), size);
        } catch (NoSuchFileException e) {
            throw CliException.io(name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw CliException.io(name + ": permission denied", e);
        } catch (IOException e) {
            throw CliException.io(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * {@code prefix} from {@code offset} (bytes already read from {@code rest}), then {@code rest}. Neither its end
     * nor its closing closes {@code rest}: a {@link SequenceInputStream} closes each stream it finishes, and a file's
     * channel is also read by others.
     */
    static InputStream prefixed(byte[] prefix, int offset, InputStream rest) {
        return new SequenceInputStream(new ByteArrayInputStream(prefix, offset, prefix.length - offset),
                new FilterInputStream(rest) {
                    @Override
                    public void close() {
                        // the caller closes rest
                    }
                });
    }

    /** Copies all of {@code in} to {@code out}, reading in chunks of {@code chunk} bytes. */
    static long copy(InputStream in, OutputStream out, Progress progress, int chunk) throws IOException {
        byte[] buffer = new byte[chunk];
        long total = 0;
        while (true) {
            int n = in.readNBytes(buffer, 0, buffer.length);
            if (n <= 0) {
                return total;
            }
            out.write(buffer, 0, n);
            total += n;
            progress.advance(n);
            if (n < buffer.length) {
                return total;
            }
        }
    }

    static Progress progress(Stdio stdio, MessageOptions options, String label, long size) {
        return options.quiet || !stdio.errIsTerminal() ? Progress.none() : Progress.bar(stdio.err(), label, size);
    }
}
