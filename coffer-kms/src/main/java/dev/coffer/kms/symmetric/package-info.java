/**
 * Symmetric cryptography with KMS keys — Encrypt, Decrypt, ReEncrypt, data keys, random bytes: start with
 * {@link dev.coffer.kms.symmetric.SymmetricCrypto}. These never touch the database.
 */
package dev.coffer.kms.symmetric;
