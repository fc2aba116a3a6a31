package dev.coffer.bench;

import java.io.OutputStream;

/** An output stream into one preallocated array: no copying beyond what the cipher does. */
final class Capture extends OutputStream {
    final byte[] bytes;
    int size;

    Capture(int capacity) {
        bytes = new byte[capacity];
    }

    @Override
    public void write(int b) {
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }
}
