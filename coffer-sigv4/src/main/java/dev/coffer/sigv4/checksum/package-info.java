/**
 * The checksums S3 accepts for a request body ({@code x-amz-checksum-*} headers and trailers): start at
 * {@link dev.coffer.sigv4.checksum.ChecksumAlgorithm}; values are base64 of the big-endian digest, as AWS sends them.
 */
package dev.coffer.sigv4.checksum;
