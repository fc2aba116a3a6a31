/**
 * The asymmetric primitives behind KMS's RSA, elliptic-curve, Ed25519, ML-DSA and ML-KEM keys: key generation,
 * {@link dev.coffer.crypto.asymmetric.Signatures}, {@link dev.coffer.crypto.asymmetric.RsaOaep},
 * {@link dev.coffer.crypto.asymmetric.Ecdh} and {@link dev.coffer.crypto.asymmetric.MlKem}.
 * Start with {@link dev.coffer.crypto.asymmetric.AsymmetricKeySpec}, which says what each key spec allows.
 * Pure functions over key material: no storage, no key state, no HTTP.
 */
package dev.coffer.crypto.asymmetric;
