/**
 * The KMS domain, free of HTTP: start with {@code KmsService}; every failure is a {@code KmsException}
 * carrying a {@code KmsErrorCode}.
 */
package dev.coffer.kms;
