package dev.coffer.server.http;

/**
 * Marks the exceptions adapters raise for a client's mistake: they become that protocol's 4xx and are not
 * logged as server failures.
 */
public interface ClientError {}
