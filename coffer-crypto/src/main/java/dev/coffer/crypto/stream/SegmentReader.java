package dev.coffer.crypto.stream;

import com.google.crypto.tink.subtle.StreamSegmentDecrypter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Decrypts the segments of one {@link SegmentLayout.Span}, one at a time, and hands out the plaintext of the
 * range only. A segment's bytes are released only after its tag verified. Fails closed: after any failure
 * (authentication or I/O) every later read throws the same exception.
 */
final class SegmentReader extends InputStream {
    private final SeekableByteChannel channel;
    private final SegmentLayout layout;
    private final StreamSegmentDecrypter decrypter;
    private final long plaintextSize;
    private final SegmentLayout.Span span;
    private final ByteBuffer ciphertext;
    private final ByteBuffer plaintext;
    private long nextSegment;
    private long remaining;
    private IOException failure;
    private boolean closed;

    SegmentReader(SeekableByteChannel channel, SegmentLayout layout, StreamSegmentDecrypter decrypter,
            long plaintextSize, SegmentLayout.Span span) throws IOException {
        this.channel = channel;
        this.layout = layout;
        this.decrypter = decrypter;
        this.plaintextSize = plaintextSize;
        this.span = span;
        this.ciphertext = ByteBuffer.allocate(layout.ciphertextSegmentSize());
        this.plaintext = ByteBuffer.allocate(layout.plaintextSegmentSize());
        this.plaintext.limit(0);
        this.nextSegment = span.firstSegment();
        this.remaining = span.length();
        channel.position(span.ciphertextStart());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IOException("stream is closed");
        }
        if (len == 0) {
            return 0;
        }
        try {
            if (remaining == 0) {
                verifyEmptyBody();
                return -1;
            }
            if (!plaintext.hasRemaining()) {
                nextSegment();
            }
            int n = (int) Math.min(len, Math.min(plaintext.remaining(), remaining));
            plaintext.get(b, off, n);
            remaining -= n;
            return n;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** An empty body has one empty segment whose tag must still verify before we report a clean end. */
    private void verifyEmptyBody() throws IOException {
        if (plaintextSize == 0 && nextSegment == 0) {
            nextSegment();
        }
    }

    private void nextSegment() throws IOException {
        long segment = nextSegment++;
        if (segment > span.lastSegment()) {
            throw new IllegalStateException("read past the span");
        }
        int length = layout.plaintextLength(segment, plaintextSize) + layout.tagLength();
        ciphertext.clear().limit(length);
        readFully(channel, ciphertext);
        ciphertext.flip();
        plaintext.clear();
        try {
            decrypter.decryptSegment(ciphertext, Math.toIntExact(segment), segment == span.finalSegment(), plaintext);
        } catch (GeneralSecurityException e) {
            throw new BodyIntegrityException("segment " + segment + " failed authentication", e);
        }
        plaintext.flip();
        if (segment == span.firstSegment()) {
            plaintext.position((int) span.skip());
        }
    }

    static void readFully(SeekableByteChannel channel, ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new BodyIntegrityException("stored body ended early", new EOFException());
            }
        }
    }

    @Override
    public int available() {
        return failure == null ? (int) Math.min(plaintext.remaining(), remaining) : 0;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }
}
