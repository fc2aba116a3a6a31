package dev.coffer.server.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.server.http.QueryParams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3RouterTest {
    private final S3Router router = new S3Router(List.of("localhost", "s3.example.test"));

    @ParameterizedTest(name = "{0} {1}{2}?{3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            GET    | 127.0.0.1           | /        | -        | LIST_BUCKETS
            PUT    | 127.0.0.1           | /b1      | -        | CREATE_BUCKET
            HEAD   | 127.0.0.1           | /b1      | -        | HEAD_BUCKET
            DELETE | 127.0.0.1           | /b1/     | -        | DELETE_BUCKET
            GET    | 127.0.0.1           | /b1      | location | GET_BUCKET_LOCATION
            PUT    | b1.localhost        | /        | -        | CREATE_BUCKET
            HEAD   | b1.localhost        | /        | -        | HEAD_BUCKET
            GET    | b1.s3.example.test  | /        | location | GET_BUCKET_LOCATION
            GET    | localhost           | /        | -        | LIST_BUCKETS
            GET    | 127.0.0.1           | /b1      | -        | LIST_OBJECTS
            GET    | 127.0.0.1           | /b1      | list-type=2 | LIST_OBJECTS_V2
            GET    | b1.localhost        | /        | versions | LIST_OBJECT_VERSIONS
            GET    | 127.0.0.1           | /b1      | versioning | GET_BUCKET_VERSIONING
            POST   | 127.0.0.1           | /b1      | delete   | DELETE_OBJECTS
            PUT    | 127.0.0.1           | /b1/a/b  | -        | PUT_OBJECT
            GET    | b1.localhost        | /a/b     | -        | GET_OBJECT
            GET    | 127.0.0.1           | /b1/a    | versionId=null | GET_OBJECT
            HEAD   | 127.0.0.1           | /b1/a    | -        | HEAD_OBJECT
            DELETE | 127.0.0.1           | /b1/a    | -        | DELETE_OBJECT
            GET    | 127.0.0.1           | /b1/a    | attributes | GET_OBJECT_ATTRIBUTES
            GET    | 127.0.0.1           | /b1      | encryption | GET_BUCKET_ENCRYPTION
            PUT    | 127.0.0.1           | /b1      | encryption | PUT_BUCKET_ENCRYPTION
            DELETE | 127.0.0.1           | /b1      | encryption | DELETE_BUCKET_ENCRYPTION
            GET    | 127.0.0.1           | /b1      | uploads  | LIST_MULTIPART_UPLOADS
            POST   | 127.0.0.1           | /b1/a    | uploads  | CREATE_MULTIPART_UPLOAD
            PUT    | 127.0.0.1           | /b1/a    | partNumber=1&uploadId=u | UPLOAD_PART
            POST   | 127.0.0.1           | /b1/a    | uploadId=u | COMPLETE_MULTIPART_UPLOAD
            DELETE | 127.0.0.1           | /b1/a    | uploadId=u | ABORT_MULTIPART_UPLOAD
            GET    | 127.0.0.1           | /b1/a    | uploadId=u | LIST_PARTS
            GET    | 127.0.0.1           | /b1/a    | partNumber=2 | GET_OBJECT
            """)
    void route_namesTheOperation(String method, String host, String path, String query, S3Operation expected) {
        S3Target t = router.route(method, host, path, QueryParams.parse(query));
        assertThat(t.operation()).isEqualTo(expected);
        if (expected != S3Operation.LIST_BUCKETS) {
            assertThat(t.bucketName()).isEqualTo("b1");
        }
    }

    @Test
    void operations_carryIamActionAuditNameAndAccess() {
        assertThat(S3Operation.LIST_BUCKETS.iamAction()).isEqualTo("s3:ListAllMyBuckets");
        assertThat(S3Operation.HEAD_BUCKET.iamAction()).isEqualTo("s3:ListBucket");
        assertThat(S3Operation.CREATE_BUCKET.access()).isEqualTo(S3Operation.Access.WRITE);
        assertThat(S3Operation.DELETE_BUCKET.eventName()).isEqualTo("DeleteBucket");
        assertThat(S3Operation.GET_BUCKET_LOCATION.access()).isEqualTo(S3Operation.Access.READ);
        assertThat(S3Operation.PUT_OBJECT.iamAction()).isEqualTo("s3:PutObject");
        assertThat(S3Operation.HEAD_OBJECT.iamAction()).isEqualTo("s3:GetObject");
        assertThat(S3Operation.HEAD_OBJECT.eventName()).isEqualTo("HeadObject");
        assertThat(S3Operation.DELETE_OBJECTS.iamAction()).isEqualTo("s3:DeleteObject");
        assertThat(S3Operation.LIST_OBJECTS_V2.iamAction()).isEqualTo("s3:ListBucket");
        assertThat(S3Operation.LIST_OBJECT_VERSIONS.iamAction()).isEqualTo("s3:ListBucketVersions");
        assertThat(S3Operation.GET_OBJECT.access()).isEqualTo(S3Operation.Access.READ);
        assertThat(S3Operation.PUT_OBJECT.access()).isEqualTo(S3Operation.Access.WRITE);
    }

    @Test
    void route_withACopySource_isCopyObject_orUploadPartCopy() {
        assertThat(router.route("PUT", "127.0.0.1", "/b1/a", QueryParams.empty(), true).operation())
                .isEqualTo(S3Operation.COPY_OBJECT);
        assertThat(router.route("PUT", "127.0.0.1", "/b1/a", QueryParams.parse("partNumber=1&uploadId=u"), true)
                .operation()).isEqualTo(S3Operation.UPLOAD_PART_COPY);
        assertThat(S3Operation.UPLOAD_PART_COPY.iamAction()).isEqualTo("s3:PutObject");
        assertThat(S3Operation.LIST_PARTS.iamAction()).isEqualTo("s3:ListMultipartUploadParts");
    }

    @Test
    void route_ofObjectSubResourceOfLaterPhases_isNotImplementedYet() {
        assertThatThrownBy(() -> router.route("POST", "127.0.0.1", "/b1/some/key", QueryParams.parse("restore")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.NOT_IMPLEMENTED));
        assertThatThrownBy(() -> router.route("PUT", "127.0.0.1", "/b1/some/key", QueryParams.parse("tagging")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.NOT_IMPLEMENTED));
    }

    @Test
    void route_ofPostToRoot_isMethodNotAllowed() {
        assertThatThrownBy(() -> router.route("POST", "127.0.0.1", "/", QueryParams.empty()))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.METHOD_NOT_ALLOWED));
    }

    @Test
    void decodePath_decodesPercentEscapesOnce_andKeepsPlus() {
        assertThat(S3Router.decodePath("/b/a%20b+c%2Fd%25")).isEqualTo("/b/a b+c/d%");
        assertThat(S3Router.decodePath("/b/%E2%82%AC")).isEqualTo("/b/€");
    }

    @Test
    void decodePath_withBrokenEscape_isInvalidUri() {
        assertThatThrownBy(() -> S3Router.decodePath("/b/%zz"))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_URI));
    }
}
