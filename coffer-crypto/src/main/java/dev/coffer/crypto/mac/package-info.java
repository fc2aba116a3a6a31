/**
 * HMAC keys as KMS has them: {@link dev.coffer.crypto.mac.HmacKeySpec} says what each spec allows,
 * {@link dev.coffer.crypto.mac.HmacKey} holds the key bytes, {@link dev.coffer.crypto.mac.Hmac} computes and
 * verifies tags (GenerateMac, VerifyMac). Start with {@code Hmac}.
 */
package dev.coffer.crypto.mac;
