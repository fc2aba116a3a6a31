/**
 * The KMS ciphertext formats, byte by byte: start with {@link dev.coffer.crypto.kms.SymmetricBlob}. The
 * KMS domain ({@code coffer-kms}) decides which key and version to use; this package only seals and opens.
 */
package dev.coffer.crypto.kms;
