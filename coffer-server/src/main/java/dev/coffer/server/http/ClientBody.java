package dev.coffer.server.http;

import dev.coffer.sigv4.SigV4Error;
import dev.coffer.sigv4.SigV4Exception;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.io.EofException;

/**
 * The raw request body. A client that stops sending before Content-Length is reached makes Jetty throw
 * an {@link EofException}; that is the client's fault, so it becomes S3's {@code IncompleteBody} (a 400),
 * not an internal error.
 */
final class ClientBody extends FilterInputStream {
    ClientBody(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (EofException e) {
            throw incomplete();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (EofException e) {
            throw incomplete();
        }
    }

    private static SigV4Exception incomplete() {
        return SigV4Exception.of(SigV4Error.INCOMPLETE_BODY);
    }
}
