package dev.coffer.server.http;

import dev.coffer.s3.S3Exception;
import dev.coffer.sigv4.Headers;
import dev.coffer.sigv4.SigV4Exception;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The straight path of every request: ids → health check → protocol → SigV4 → adapter → response. It runs
 * on a virtual thread, so adapters may block on I/O. Nothing here logs a header or a body: the one log
 * line it writes is for an unexpected failure, with the request id and operation path only.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    public static final String HEALTH_PATH = "/-/health";

    private final Authenticator authenticator;
    private final Map<Protocol, ProtocolAdapter> adapters = new EnumMap<>(Protocol.class);
    private final InstantSource clock;

    public ApiHandler(Authenticator authenticator, List<ProtocolAdapter> adapters, InstantSource clock) {
        this.authenticator = authenticator;
        this.clock = clock;
        for (ProtocolAdapter a : adapters) {
            this.adapters.put(a.protocol(), a);
        }
        for (Protocol p : Protocol.values()) {
            if (!this.adapters.containsKey(p)) {
                throw new IllegalArgumentException("no adapter for " + p);
            }
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RequestContext context = new RequestContext(RequestIds.requestId(), RequestIds.hostId(), request.isSecure(),
                Request.getRemoteAddr(request), Instant.ofEpochMilli(clock.millis()));
        HttpFields.Mutable out = response.getHeaders();
        out.put("x-amz-request-id", context.requestId());
        out.put("x-amz-id-2", context.hostId());
        out.put(HttpHeader.SERVER, "Coffer");

        String method = request.getMethod();
        String rawPath = request.getHttpURI().getPath();
        if (rawPath == null || rawPath.isEmpty()) {
            rawPath = "/";
        }
        if (rawPath.equals(HEALTH_PATH) && (method.equals("GET") || method.equals("HEAD"))) {
            send(ApiResponse.status(200).body("application/json", "{\"status\":\"ok\"}").build(),
                    method, response, callback);
            return true;
        }

        String rawQuery = request.getHttpURI().getQuery();
        ProtocolAdapter adapter = adapters.get(ProtocolDetector.detect(method, request.getHeaders(), rawQuery));
        ApiResponse answer;
        try {
            HttpRequestParts parts = new HttpRequestParts(method, rawPath, rawQuery == null ? "" : rawQuery,
                    headers(request.getHeaders()), new ClientBody(Content.Source.asInputStream(request)));
            Authenticator.Authenticated who = authenticator.authenticate(parts, adapter.protocol());
            QueryParams query;
            try {
                query = QueryParams.parse(rawQuery);
            } catch (IllegalArgumentException e) {
                throw new MalformedRequestException("The query string is not validly encoded.");
            }
            ApiRequest api = new ApiRequest(method, rawPath, query, Request.getServerName(request),
                    parts.headers(), who.body(), who.principal(), context);
            answer = adapter.handle(api);
        } catch (Throwable failure) {
            if (!isProtocolError(failure)) {
                LOG.error("request {} {} failed", context.requestId(), method, failure);
            }
            answer = adapter.error(failure, context, method, rawPath);
        }
        send(answer, method, response, callback);
        return true;
    }

    private static Headers headers(HttpFields fields) {
        Headers.Builder b = Headers.builder();
        for (HttpField f : fields) {
            b.add(f.getName(), f.getValue() == null ? "" : f.getValue());
        }
        return b.build();
    }

    private static boolean isProtocolError(Throwable t) {
        return t instanceof SigV4Exception || t instanceof S3Exception || t instanceof ClientError;
    }

    private static void send(ApiResponse answer, String method, Response response, Callback callback) {
        response.setStatus(answer.status());
        HttpFields.Mutable out = response.getHeaders();
        boolean lengthGiven = false;
        for (Map.Entry<String, String> h : answer.headers()) {
            out.add(h.getKey(), h.getValue());
            lengthGiven |= h.getKey().equalsIgnoreCase("Content-Length");
        }
        if (answer.streamingBody().isPresent()) {
            try (ApiResponse.BodyWriter writer = answer.streamingBody().get()) {
                if (method.equals("HEAD")) {
                    response.write(true, null, callback);
                } else {
                    stream(writer, response, callback);
                }
            }
            return;
        }
        byte[] body = answer.body();
        if (!lengthGiven && answer.status() != 204 && answer.status() != 304) {
            out.put(HttpHeader.CONTENT_LENGTH, body.length);
        }
        if (method.equals("HEAD") || body.length == 0) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /**
     * Streams a body on this (virtual) thread. If the writer fails — a segment that does not authenticate, a
     * disk error — the callback fails instead of completing: once headers are out, Jetty then aborts the
     * connection, so the client sees a broken transfer and never takes a short body for the whole one.
     */
    private static void stream(ApiResponse.BodyWriter writer, Response response, Callback callback) {
        OutputStream body = Content.Sink.asOutputStream(response);
        try {
            writer.writeTo(body);
        } catch (Throwable failure) {
            if (!(failure instanceof EofException)) {
                LOG.error("response body of request {} failed after {}; aborting the connection",
                        response.getHeaders().get("x-amz-request-id"), response.isCommitted()
                                ? "the headers were sent" : "nothing was sent", failure);
            }
            callback.failed(failure);
            return;
        }
        try {
            body.close(); // the last write: completes the response
            callback.succeeded();
        } catch (Throwable failure) {
            callback.failed(failure);
        }
    }
}
