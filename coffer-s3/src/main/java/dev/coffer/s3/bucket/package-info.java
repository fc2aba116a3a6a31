/**
 * Buckets: naming rules ({@link dev.coffer.s3.bucket.BucketName}), creation, listing and deletion
 * ({@link dev.coffer.s3.bucket.Buckets}).
 */
package dev.coffer.s3.bucket;
