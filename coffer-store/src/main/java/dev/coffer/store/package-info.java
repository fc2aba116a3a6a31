/**
 * The storage SPI every domain module uses: {@link dev.coffer.store.MetadataStore} (SQL, all-or-nothing
 * transactions) and {@link dev.coffer.store.BlobStore} (durable opaque byte streams). Start with
 * {@code MetadataStore}; implementations live in {@code .sql}, {@code .fs} and {@code .root}.
 */
package dev.coffer.store;
