package dev.coffer.app;

import java.net.InetSocketAddress;
import java.util.Optional;

/** Parses {@code HOST:PORT}, {@code [IPv6]:PORT} or {@code off}. */
final class ListenAddress {
    private ListenAddress() {}

    static Optional<InetSocketAddress> parse(String value, String option) {
        String v = value.strip();
        if (v.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw new IllegalArgumentException(option + " must be HOST:PORT or off, got '" + value + "'");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " has a port that is not a number: '" + value + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " has a port out of range: '" + value + "'");
        }
        return Optional.of(InetSocketAddress.createUnresolved(host, port));
    }
}
