package dev.coffer.server.kms;

import dev.coffer.server.http.ApiRequest;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.http.Protocol;
import dev.coffer.server.http.ProtocolAdapter;
import dev.coffer.server.http.RequestContext;
import java.io.IOException;

/**
 * KMS over JSON 1.1. No KMS operation exists yet (the KMS issue adds them), so each request, once
 * authenticated, is answered as AWS answers an operation it does not know: {@code UnknownOperationException}.
 */
public final class KmsAdapter implements ProtocolAdapter {
    /** Larger than any KMS request (policies are at most 32 KB); bounds what a client can make us buffer. */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    @Override
    public Protocol protocol() {
        return Protocol.KMS;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        byte[] body = request.body().readNBytes(MAX_REQUEST_BYTES + 1);
        if (body.length > MAX_REQUEST_BYTES) {
            throw new KmsWireError(413, "ValidationException", "Request body is too large");
        }
        // Whatever the method or the target (TrentService.* or not), no operation is known yet.
        throw new KmsWireError(400, "UnknownOperationException", null);
    }

    @Override
    public ApiResponse error(Throwable failure, RequestContext context, String method, String rawPath) {
        return KmsErrors.of(failure, context);
    }
}
