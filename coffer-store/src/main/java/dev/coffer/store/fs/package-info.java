/**
 * The local-file-system {@link dev.coffer.store.BlobStore}: temp file, fsync, atomic rename, directory
 * fsync. Start with {@link dev.coffer.store.fs.FileBlobStore}.
 */
package dev.coffer.store.fs;
