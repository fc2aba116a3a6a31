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
    private final BucketEncryptionHandlers encryption;
    private final MultipartHandlers multipart;
    private final CopyHandlers copies;

    public S3Adapter(S3Service s3, List<String> virtualHostDomains) {
        this.router = new S3Router(virtualHostDomains);
        this.buckets = new BucketHandlers(s3.buckets());
        this.listings = new ListingHandlers(s3.objectListings(), s3.buckets());
        this.writes = new ObjectWriteHandlers(s3.objectWrites());
        this.reads = new ObjectReadHandlers(s3.objectReads());
        this.encryption = new BucketEncryptionHandlers(s3.bucketEncryption());
        this.multipart = new MultipartHandlers(s3.multipartUploads(), s3.copies());
        this.copies = new CopyHandlers(s3.copies());
    }

    @Override
    public Protocol protocol() {
        return Protocol.S3;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws Exception {
        S3Target target = router.route(request.method(), request.host(), request.rawPath(), request.query(),
                request.headers().contains("x-amz-copy-source"));
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
            case COPY_OBJECT -> copies.copy(request, target.bucketName(), target.objectKey());
            case GET_BUCKET_ENCRYPTION -> encryption.get(request, target.bucketName());
            case PUT_BUCKET_ENCRYPTION -> encryption.put(request, target.bucketName());
            case DELETE_BUCKET_ENCRYPTION -> encryption.delete(request, target.bucketName());
            case CREATE_MULTIPART_UPLOAD -> multipart.create(request, target.bucketName(), target.objectKey());
            case UPLOAD_PART -> multipart.uploadPart(request, target.bucketName(), target.objectKey());
            case UPLOAD_PART_COPY -> multipart.uploadPartCopy(request, target.bucketName(), target.objectKey());
            case COMPLETE_MULTIPART_UPLOAD -> multipart.complete(request, target.bucketName(), target.objectKey());
            case ABORT_MULTIPART_UPLOAD -> multipart.abort(request, target.bucketName(), target.objectKey());
            case LIST_PARTS -> multipart.listParts(request, target.bucketName(), target.objectKey());
            case LIST_MULTIPART_UPLOADS -> multipart.listUploads(request, target.bucketName());
        };
    }

    @Override
    public ApiResponse error(Throwable failure, RequestContext context, String method, String rawPath) {
        return S3Errors.of(failure, context, method, rawPath);
    }
}
