/**
 * The {@code coffer} command: {@link dev.coffer.app.Main} parses the command line, {@link dev.coffer.app.CofferNode}
 * wires a data directory, its stores and root key, and the server together.
 */
package dev.coffer.app;
