package dev.coffer.server.s3;

import dev.coffer.s3.S3Service;
import dev.coffer.server.http.ApiRequest;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.http.Protocol;
import dev.coffer.server.http.ProtocolAdapter;
import dev.coffer.server.http.RequestContext;
import java.util.List;

/** S3 REST/XML: routes the request to its operation, then calls the handler for that operation. */
public final class S3Adapter implements ProtocolAdapter {
    private final S3Router router;
    private final BucketHandlers buckets;

    public S3Adapter(S3Service s3, List<String> virtualHostDomains) {
        this.router = new S3Router(virtualHostDomains);
        this.buckets = new BucketHandlers(s3.buckets());
    }

    @Override
    public Protocol protocol() {
        return Protocol.S3;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws Exception {
        S3Target target = router.route(request.method(), request.host(), request.rawPath(), request.query());
        return switch (target.operation()) {
            case LIST_BUCKETS -> buckets.list(request);
            case CREATE_BUCKET -> buckets.create(request, target.bucketName());
            case HEAD_BUCKET -> buckets.head(request, target.bucketName());
            case DELETE_BUCKET -> buckets.delete(request, target.bucketName());
            case GET_BUCKET_LOCATION -> buckets.location(request, target.bucketName());
        };
    }

    @Override
    public ApiResponse error(Throwable failure, RequestContext context, String method, String rawPath) {
        return S3Errors.of(failure, context, method, rawPath);
    }
}
