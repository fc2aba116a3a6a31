/**
 * The S3 domain, free of HTTP: {@link dev.coffer.s3.S3Service} is the entry point; every failure is an
 * {@link dev.coffer.s3.S3Exception} carrying an {@link dev.coffer.s3.S3ErrorCode}.
 */
package dev.coffer.s3;
