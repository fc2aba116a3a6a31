package dev.coffer.server.s3;

/**
 * Every S3 operation the router can name, with the IAM action that authorizes it, the event name the
 * audit trail records, and whether it changes state. A table test pins this mapping.
 */
public enum S3Operation {
    LIST_BUCKETS("s3:ListAllMyBuckets", "ListBuckets", Access.READ),
    CREATE_BUCKET("s3:CreateBucket", "CreateBucket", Access.WRITE),
    HEAD_BUCKET("s3:ListBucket", "HeadBucket", Access.READ),
    DELETE_BUCKET("s3:DeleteBucket", "DeleteBucket", Access.WRITE),
    GET_BUCKET_LOCATION("s3:GetBucketLocation", "GetBucketLocation", Access.READ),
    GET_BUCKET_VERSIONING("s3:GetBucketVersioning", "GetBucketVersioning", Access.READ),
    LIST_OBJECTS("s3:ListBucket", "ListObjects", Access.READ),
    LIST_OBJECTS_V2("s3:ListBucket", "ListObjectsV2", Access.READ),
    LIST_OBJECT_VERSIONS("s3:ListBucketVersions", "ListObjectVersions", Access.READ),
    DELETE_OBJECTS("s3:DeleteObject", "DeleteObjects", Access.WRITE),
    PUT_OBJECT("s3:PutObject", "PutObject", Access.WRITE),
    GET_OBJECT("s3:GetObject", "GetObject", Access.READ),
    HEAD_OBJECT("s3:GetObject", "HeadObject", Access.READ),
    DELETE_OBJECT("s3:DeleteObject", "DeleteObject", Access.WRITE),
    GET_OBJECT_ATTRIBUTES("s3:GetObjectAttributes", "GetObjectAttributes", Access.READ),
    COPY_OBJECT("s3:PutObject", "CopyObject", Access.WRITE),
    GET_BUCKET_ENCRYPTION("s3:GetEncryptionConfiguration", "GetBucketEncryption", Access.READ),
    PUT_BUCKET_ENCRYPTION("s3:PutEncryptionConfiguration", "PutBucketEncryption", Access.WRITE),
    DELETE_BUCKET_ENCRYPTION("s3:PutEncryptionConfiguration", "DeleteBucketEncryption", Access.WRITE),
    CREATE_MULTIPART_UPLOAD("s3:PutObject", "CreateMultipartUpload", Access.WRITE),
    UPLOAD_PART("s3:PutObject", "UploadPart", Access.WRITE),
    UPLOAD_PART_COPY("s3:PutObject", "UploadPartCopy", Access.WRITE),
    COMPLETE_MULTIPART_UPLOAD("s3:PutObject", "CompleteMultipartUpload", Access.WRITE),
    ABORT_MULTIPART_UPLOAD("s3:AbortMultipartUpload", "AbortMultipartUpload", Access.WRITE),
    LIST_PARTS("s3:ListMultipartUploadParts", "ListParts", Access.READ),
    LIST_MULTIPART_UPLOADS("s3:ListBucketMultipartUploads", "ListMultipartUploads", Access.READ);

    /** Whether an operation reads or changes state. */
    public enum Access { READ, WRITE }

    private final String iamAction;
    private final String eventName;
    private final Access access;

    S3Operation(String iamAction, String eventName, Access access) {
        this.iamAction = iamAction;
        this.eventName = eventName;
        this.access = access;
    }

    public String iamAction() {
        return iamAction;
    }

    public String eventName() {
        return eventName;
    }

    public Access access() {
        return access;
    }
}
