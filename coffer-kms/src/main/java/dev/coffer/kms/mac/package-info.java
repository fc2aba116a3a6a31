/**
 * HMAC KMS keys: GenerateMac and VerifyMac. Start with {@link dev.coffer.kms.mac.Macs}, which also holds the
 * requests and results.
 */
package dev.coffer.kms.mac;
