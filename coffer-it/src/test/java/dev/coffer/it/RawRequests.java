package dev.coffer.it;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests built, signed and sent by hand, for what the SDK's clients will not do: sign with a chosen clock,
 * region or payload mode, alter bytes after signing, and speak HTTP/1.1 on a socket of our own (half-close,
 * {@code Expect: 100-continue}, keep-alive). Signing uses the SDK's own {@link AwsV4HttpSigner}.
 */
final class RawRequests {
    static final String REGION = "us-east-1";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** An empty CreateBucketConfiguration, valid for a us-east-1 server. */
    static final String CREATE_BUCKET_CONFIGURATION =
            "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></CreateBucketConfiguration>";

    private final CofferExtension coffer;

    RawRequests(CofferExtension coffer) {
        this.coffer = coffer;
    }

    /** A request, signed or not, with the exact headers and body bytes that go on the wire. */
    record Request(SdkHttpRequest http, byte[] body) {
        Request withBody(byte[] newBody) {
            return new Request(http, newBody);
        }

        Request withHeader(String name, String value) {
            return new Request(http.toBuilder().putHeader(name, value).build(), body);
        }

        String header(String name) {
            return http.firstMatchingHeader(name).orElseThrow(() -> new AssertionError("no header " + name));
        }

        /** The request line, headers and blank line; {@code Content-Length} is added if the signer did not. */
        byte[] head() {
            URI uri = http.getUri();
            StringBuilder head = new StringBuilder();
            head.append(http.method().name()).append(' ').append(uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
            if (uri.getRawQuery() != null) {
                head.append('?').append(uri.getRawQuery());
            }
            head.append(" HTTP/1.1\r\n");
            if (http.firstMatchingHeader("Host").isEmpty()) {
                head.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
            }
            http.forEachHeader((name, values) -> values.forEach(v ->
                    head.append(name).append(": ").append(v).append("\r\n")));
            if (http.firstMatchingHeader("Content-Length").isEmpty()
                    && (body.length > 0 || http.method() == SdkHttpMethod.PUT || http.method() == SdkHttpMethod.POST)) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            return head.toString().getBytes(UTF_8);
        }

        byte[] wire() {
            byte[] h = head();
            byte[] all = new byte[h.length + body.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            return all;
        }
    }

    /**
     * A valid, empty CreateBucketConfiguration of about {@code size} bytes (the server takes up to 64 KiB),
     * padded inside an XML comment so that a changed padding byte leaves it well-formed.
     */
    static byte[] paddedConfiguration(int size) {
        String open = "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><!-- ";
        String close = " --></CreateBucketConfiguration>";
        StringBuilder padding = new StringBuilder();
        for (int i = 0; padding.length() < size - open.length() - close.length(); i++) {
            padding.append("padding ").append(i).append('\n');
        }
        return (open + padding + close).getBytes(UTF_8);
    }

    /** An unsigned request to the node's HTTP listener; {@code path} is already percent-encoded. */
    SdkHttpRequest.Builder request(SdkHttpMethod method, String path) {
        URI http = coffer.http();
        return SdkHttpRequest.builder().method(method).protocol("http").host(http.getHost()).port(http.getPort())
                .encodedPath(path);
    }

    /**
     * Signs {@code request} (whose body is {@code body}) for S3 in us-east-1 with the node's root key, then lets
     * {@code properties} override or add signer properties. The body returned is the one the signer produced
     * (aws-chunked when chunk encoding is on).
     */
    Request sign(SdkHttpRequest request, byte[] body,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> properties) {
        SdkHttpRequest withLength = body.length > 0 && request.firstMatchingHeader("Content-Length").isEmpty()
                ? request.toBuilder().putHeader("Content-Length", Integer.toString(body.length)).build()
                : request;
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(coffer.accessKeyId(), coffer.secretAccessKey()))
                    .request(withLength)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION);
            properties.accept(r);
        });
        byte[] wireBody = signed.payload().map(p -> {
            try (InputStream in = p.newStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(new byte[0]);
        return new Request(signed.request(), wireBody);
    }

    Request sign(SdkHttpRequest request, byte[] body) {
        return sign(request, body, r -> { });
    }

    /** Sends one request on a new connection and reads its response. */
    Response send(Request request) {
        try (Connection c = connect()) {
            c.write(request.wire());
            return c.read();
        }
    }

    /** A raw HTTP/1.1 connection to the node. */
    Connection connect() {
        return Connection.open(coffer.http());
    }

    /** A raw HTTP/1.1 connection on which responses are read one at a time. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static Connection open(URI endpoint) {
            try {
                Socket s = new Socket(InetAddress.getByName(endpoint.getHost()), endpoint.getPort());
                s.setSoTimeout(10_000);
                s.setTcpNoDelay(true);
                return new Connection(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void write(byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Closes our sending side: the server reads end-of-stream, and may still answer. */
        void shutdownOutput() {
            try {
                socket.shutdownOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The next response, an interim one ({@code 100 Continue}) included. */
        Response read() {
            return read(false);
        }

        Response readHeadResponse() {
            return read(true);
        }

        private Response read(boolean toHead) {
            try {
                String statusLine = line();
                if (statusLine == null) {
                    throw new EOFException("the server closed the connection without a response");
                }
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                    throw new IOException("not a status line: " + statusLine);
                }
                int status = Integer.parseInt(parts[1]);
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                    int colon = h.indexOf(':');
                    headers.computeIfAbsent(h.substring(0, colon).strip(), k -> new ArrayList<>())
                            .add(h.substring(colon + 1).strip());
                }
                byte[] body;
                if (toHead || status < 200 || status == 204 || status == 304) {
                    body = new byte[0];
                } else if (headers.containsKey("Content-Length")) {
                    body = in.readNBytes(Integer.parseInt(headers.get("Content-Length").getFirst()));
                } else if (headers.getOrDefault("Transfer-Encoding", List.of()).stream()
                        .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
                    body = dechunk();
                } else {
                    body = in.readAllBytes();
                }
                return new Response(status, headers, body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private byte[] dechunk() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int n = Integer.parseInt(size.split(";", 2)[0].strip(), 16);
                if (n == 0) {
                    for (String t = line(); t != null && !t.isEmpty(); t = line()) {
                        // trailers: none expected
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                line();
            }
        }

        /** A CRLF-terminated line without its CRLF; null at end of stream. */
        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, len, ISO_8859_1);
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(ISO_8859_1);
        }

        /** True if the server has closed the connection (reads end-of-stream within {@code millis}). */
        boolean closedByServer(int millis) {
            try {
                socket.setSoTimeout(millis);
                return in.read() < 0;
            } catch (IOException e) {
                return e instanceof SocketException;
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A response as read from the wire. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        private static final Pattern JSON_TYPE = Pattern.compile("\"__type\"\\s*:\\s*\"([^\"]*)\"");

        Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }

        String text() {
            return new String(body, UTF_8);
        }

        /** The error code: S3's and the Query protocol's {@code <Code>}, or KMS's {@code __type}. */
        String errorCode() {
            Matcher json = JSON_TYPE.matcher(text());
            if (json.find()) {
                return json.group(1);
            }
            return element("Code").orElse("<no error code in: " + text() + ">");
        }

        /** The text of the first XML element {@code name}, if any. */
        Optional<String> element(String name) {
            Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(text());
            return m.find() ? Optional.of(unescape(m.group(1))) : Optional.empty();
        }

        private static String unescape(String xml) {
            return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                    .replace("&amp;", "&");
        }

        @Override
        public String toString() {
            return status + " " + headers + "\n" + text();
        }
    }
}
