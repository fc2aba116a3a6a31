package dev.coffer.server.http;

import dev.coffer.server.xml.XmlWriter;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the requests Jetty refuses before they reach {@link ApiHandler} (headers too large, a request
 * line it cannot parse) in S3's error format with request ids, instead of Jetty's HTML page. The protocol
 * is unknown at that point, and S3 is what most clients speak.
 */
public final class CofferErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String code;
        String message;
        if (status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431) {
            status = 400;
            code = "RequestHeaderSectionTooLarge";
            message = "Your request header section exceeds the maximum allowed size.";
        } else if (status == HttpStatus.URI_TOO_LONG_414) {
            status = 400;
            code = "RequestURITooLong";
            message = "The request URI is too long.";
        } else if (status >= 500) {
            code = "InternalError";
            message = "We encountered an internal error. Please try again.";
        } else {
            status = 400;
            code = "InvalidRequest";
            message = "The request could not be parsed.";
        }
        String requestId = RequestIds.requestId();
        String hostId = RequestIds.hostId();
        byte[] body = new XmlWriter().start("Error")
                .element("Code", code)
                .element("Message", message)
                .element("RequestId", requestId)
                .element("HostId", hostId)
                .end()
                .toBytes();
        response.setStatus(status);
        response.getHeaders().put("x-amz-request-id", requestId);
        response.getHeaders().put("x-amz-id-2", hostId);
        response.getHeaders().put(HttpHeader.SERVER, "Coffer");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
