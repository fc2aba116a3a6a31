/**
 * The HTTP face of Coffer: {@link dev.coffer.server.CofferServer} wires Jetty, SigV4 and the protocol
 * adapters together. Read {@code http.ApiHandler} next: it is the straight path every request takes.
 */
package dev.coffer.server;
