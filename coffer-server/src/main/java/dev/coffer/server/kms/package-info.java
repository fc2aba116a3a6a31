/**
 * The KMS JSON 1.1 adapter ({@code X-Amz-Target: TrentService.*}): start with {@link
 * dev.coffer.server.kms.KmsAdapter}; operations are named in {@link dev.coffer.server.kms.KmsOperation} and
 * every error maps in {@link dev.coffer.server.kms.KmsErrors}.
 */
package dev.coffer.server.kms;
