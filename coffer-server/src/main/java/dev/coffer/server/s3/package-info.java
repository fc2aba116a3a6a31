/**
 * The S3 REST/XML adapter: {@link dev.coffer.server.s3.S3Router} names the operation once
 * ({@link dev.coffer.server.s3.S3Operation}); {@link dev.coffer.server.s3.S3Adapter} dispatches it and maps
 * every error to S3's XML in {@link dev.coffer.server.s3.S3Errors}.
 */
package dev.coffer.server.s3;
