package dev.coffer.sigv4;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Hands out at most {@code step} bytes per read, as a slow network does, to exercise every buffer boundary. */
final class Trickle extends InputStream {
    private final InputStream in;
    private final int step;

    Trickle(byte[] bytes, int step) {
        this.in = new ByteArrayInputStream(bytes);
        this.step = step;
    }

    @Override
    public int read() throws IOException {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, Math.min(len, step));
    }

    /** Reads {@code body} to its end with a caller buffer of {@code bufferSize}. */
    static byte[] drain(InputStream body, int bufferSize) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[bufferSize];
        int n;
        while ((n = body.read(buf, 0, buf.length)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
