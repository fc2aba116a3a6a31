/**
 * The request path: {@link dev.coffer.server.http.ApiHandler} gives every request its ids, answers health
 * checks, authenticates with SigV4 once, and hands a Jetty-free {@link dev.coffer.server.http.ApiRequest}
 * to the {@link dev.coffer.server.http.ProtocolAdapter} of the protocol the client speaks.
 */
package dev.coffer.server.http;
