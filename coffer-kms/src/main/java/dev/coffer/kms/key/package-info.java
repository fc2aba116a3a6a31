/**
 * KMS keys and their lifecycle (create, describe, list, enable, disable, delete): start with {@link
 * dev.coffer.kms.key.KeyLifecycle}; requests and results are in {@link dev.coffer.kms.key.KeyRequests}.
 */
package dev.coffer.kms.key;
