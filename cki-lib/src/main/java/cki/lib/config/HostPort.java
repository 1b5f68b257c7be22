package cki.lib.config;

import cki.lib.cli.UsageException;
import java.net.InetSocketAddress;

/** {@code HOST:PORT} (or {@code :PORT}, or {@code PORT}: loopback) for a server a command listens on. */
public final class HostPort {
    private HostPort() {
    }

    public static InetSocketAddress parse(String where, String value) {
        String text = value == null ? "" : value.trim();
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : text.substring(0, colon);
        String port = colon < 0 ? text : text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0 || number > 65535) {
            throw new UsageException(where + ": '" + value + "': expected HOST:PORT, e.g. 0.0.0.0:8080");
        }
        return new InetSocketAddress(host, number);
    }
}
