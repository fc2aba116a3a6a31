/**
 * Cryptographic building blocks shared by every Coffer module: {@link dev.coffer.crypto.Secret} holds key
 * bytes, {@link dev.coffer.crypto.AesGcm} seals small values (wrapped keys, stored secrets) under a key.
 * Start with {@code Secret}; nothing outside this module calls {@code Cipher.getInstance}.
 */
package dev.coffer.crypto;
