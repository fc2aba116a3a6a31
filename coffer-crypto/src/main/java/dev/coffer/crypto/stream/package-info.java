/**
 * Object bodies as segmented streaming AEAD (Tink's AES-GCM-HKDF streaming): encrypt while uploading,
 * decrypt only the segments a range covers. Start with {@link dev.coffer.crypto.stream.BodyCipher}; the
 * range arithmetic is {@link dev.coffer.crypto.stream.SegmentLayout}.
 */
package dev.coffer.crypto.stream;
