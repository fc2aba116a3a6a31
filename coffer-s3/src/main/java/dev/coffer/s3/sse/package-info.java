/**
 * Server-side encryption of objects: the sealed {@link dev.coffer.s3.sse.SseMode} (SSE-S3, SSE-C; SSE-KMS and
 * DSSE-KMS to come) wraps each object's data key, and {@link dev.coffer.s3.sse.EncryptionRecord} is what is
 * stored. Start with {@link dev.coffer.s3.sse.SseMode}.
 */
package dev.coffer.s3.sse;
