/**
 * What the KMS operation families share and callers must not touch: the in-memory {@link
 * dev.coffer.kms.internal.KeyRegistry}, key resolution, SQL rows and sealing. Start with {@code KeyRegistry}.
 */
package dev.coffer.kms.internal;
