/**
 * Helpers shared by the store implementations and not meant for callers: durable file-system steps
 * ({@link dev.coffer.store.internal.Durable}). Start with {@code Durable}.
 */
package dev.coffer.store.internal;
