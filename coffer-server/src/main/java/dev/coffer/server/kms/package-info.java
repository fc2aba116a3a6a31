/**
 * The KMS JSON 1.1 adapter ({@code X-Amz-Target: TrentService.*}). Until the KMS domain lands, every
 * operation is answered with AWS's {@code UnknownOperationException}; errors map in {@link dev.coffer.server.kms.KmsErrors}.
 */
package dev.coffer.server.kms;
