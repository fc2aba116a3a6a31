/**
 * Imported key material (Origin EXTERNAL): wrapping parameters, import, deletion and expiry. Start with
 * {@link dev.coffer.kms.imports.KeyImports}.
 */
package dev.coffer.kms.imports;
