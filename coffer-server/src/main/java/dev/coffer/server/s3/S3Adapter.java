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
    private final ListingHandlers listings;
    private final ObjectWriteHandlers writes;
    private final ObjectReadHandlers reads;

    public S3Adapter(S3Service s3, List<String> virtualHostDomains) {
        this.router = new S3Router(virtualHostDomains);
        this.buckets = new BucketHandlers(s3.buckets());
        this.listings = new ListingHandlers(s3.objectListings(), s3.buckets());
        this.writes = new ObjectWriteHandlers(s3.objectWrites());
        this.reads = new ObjectReadHandlers(s3.objectReads());
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
            case GET_BUCKET_VERSIONING -> listings.versioning(request, target.bucketName());
            case LIST_OBJECTS -> listings.listV1(request, target.bucketName());
            case LIST_OBJECTS_V2 -> listings.listV2(request, target.bucketName());
            case LIST_OBJECT_VERSIONS -> listings.listVersions(request, target.bucketName());
            case DELETE_OBJECTS -> writes.deleteMany(request, target.bucketName());
            case PUT_OBJECT -> writes.put(request, target.bucketName(), target.objectKey());
            case GET_OBJECT -> reads.get(request, target.bucketName(), target.objectKey());
            case HEAD_OBJECT -> reads.head(request, target.bucketName(), target.objectKey());
            case DELETE_OBJECT -> writes.delete(request, target.bucketName(), target.objectKey());
            case GET_OBJECT_ATTRIBUTES -> reads.attributes(request, target.bucketName(), target.objectKey());
        };
    }

    @Override
    public ApiResponse error(Throwable failure, RequestContext context, String method, String rawPath) {
        return S3Errors.of(failure, context, method, rawPath);
    }
}
