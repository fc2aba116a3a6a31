/**
 * Asymmetric KMS keys: GetPublicKey, Sign and Verify ({@link dev.coffer.kms.asymmetric.Signing}), RSA
 * Encrypt/Decrypt/ReEncrypt ({@link dev.coffer.kms.asymmetric.RsaEncryption}), data key pairs, ECDH and ML-KEM.
 * Start with {@code Signing}; requests and results are in {@link dev.coffer.kms.asymmetric.AsymmetricRequests}.
 */
package dev.coffer.kms.asymmetric;
