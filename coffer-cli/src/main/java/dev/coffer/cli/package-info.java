/**
 * Client-side tools: {@code coffer encrypt} / {@code coffer decrypt}, envelope encryption of files in the AWS
 * Encryption SDK message format with data keys from KMS. Start with {@link dev.coffer.cli.EncryptCommand}.
 */
package dev.coffer.cli;
