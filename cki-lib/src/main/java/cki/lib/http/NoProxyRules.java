package cki.lib.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts {@code no_proxy} sends straight to their server, read as curl (7.86 on) and Go read it: a
 * list separated by commas or white space of host names (the name itself and every name under it:
 * {@code example.com} and {@code .example.com} both cover {@code git.example.com}, but not
 * {@code badexample.com}), IP addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}), any of
 * them with {@code :PORT} to cover that port alone; {@code *} covers every host. Names are not
 * resolved: an address rule covers URLs that give that address.
 */
final class NoProxyRules {
    private final boolean everything;
    private final List<Rule> rules;

    private NoProxyRules(boolean everything, List<Rule> rules) {
        this.everything = everything;
        this.rules = rules;
    }

    static final NoProxyRules NONE = new NoProxyRules(false, List.of());

    /** @throws IllegalArgumentException naming the entry that is no host, address or range */
    static NoProxyRules parse(String value) {
        List<Rule> rules = new ArrayList<>();
        for (String entry : value.trim().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                return new NoProxyRules(true, List.of());
            }
            rules.add(Rule.parse(entry));
        }
        return new NoProxyRules(false, List.copyOf(rules));
    }

    /** Whether a request to {@code host} (a name or an address, IPv6 with or without brackets) goes direct. */
    boolean direct(String host, int port) {
        if (everything) {
            return true;
        }
        String name = unbracketed(host).toLowerCase(Locale.ROOT);
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        byte[] address = literalAddress(name);
        for (Rule rule : rules) {
            if (rule.covers(name, address, port)) {
                return true;
            }
        }
        return false;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The bytes of an IPv4 or IPv6 literal, or null for a name (nothing is looked up). */
    static byte[] literalAddress(String host) {
        boolean ipv4 = isIpv4(host);
        boolean ipv6 = host.indexOf(':') >= 0 && host.chars().allMatch(c -> c == ':' || c == '.'
                || Character.digit(c, 16) >= 0);
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Four decimal numbers 0-255: only such a string is an IPv4 literal (InetAddress would look up "300.1.1.1"). */
    private static boolean isIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** One entry: a domain (with the names under it) or an address range, and a port (-1: any). */
    private record Rule(String domain, byte[] network, int prefixBits, int port) {
        static Rule parse(String entry) {
            String rest = entry.toLowerCase(Locale.ROOT);
            int port = -1;
            int colon = rest.lastIndexOf(':');
            boolean bracketed = rest.startsWith("[");
            // a port after a name, an IPv4 address or a bracketed IPv6 one; a bare IPv6 address has no port
            if (colon > 0 && (bracketed ? rest.lastIndexOf(']') == colon - 1 : rest.indexOf(':') == colon)) {
                port = parsePort(entry, rest.substring(colon + 1));
                rest = rest.substring(0, colon);
            }
            rest = unbracketed(rest);
            int slash = rest.indexOf('/');
            String host = slash < 0 ? rest : rest.substring(0, slash);
            byte[] address = literalAddress(host);
            if (address != null) {
                int bits = address.length * 8;
                if (slash >= 0) {
                    bits = parseBits(entry, rest.substring(slash + 1), address.length * 8);
                }
                return new Rule(null, address, bits, port);
            }
            if (slash >= 0) {
                throw new IllegalArgumentException("'" + entry + "' is no CIDR range (ADDRESS/BITS)");
            }
            String domain = host.startsWith("*.") ? host.substring(2) : host.startsWith(".") ? host.substring(1) : host;
            while (domain.endsWith(".")) {
                domain = domain.substring(0, domain.length() - 1);
            }
            if (domain.isEmpty() || !domain.chars().allMatch(c -> c == '.' || c == '-' || c == '_'
                    || Character.isLetterOrDigit(c))) {
                throw new IllegalArgumentException("'" + entry + "' is no host name, address or CIDR range");
            }
            return new Rule(domain, null, 0, port);
        }

        boolean covers(String name, byte[] address, int requestPort) {
            if (port >= 0 && port != requestPort) {
                return false;
            }
            if (domain != null) {
                return name.equals(domain) || name.endsWith("." + domain);
            }
            return address != null && address.length == network.length && samePrefix(address);
        }

        private boolean samePrefix(byte[] address) {
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        private static int parsePort(String entry, String text) {
            try {
                int port = Integer.parseInt(text);
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // named below
            }
            throw new IllegalArgumentException("'" + entry + "' has no port 1-65535 after its ':'");
        }

        private static int parseBits(String entry, String text, int max) {
            try {
                int bits = Integer.parseInt(text);
                if (bits >= 0 && bits <= max) {
                    return bits;
                }
            } catch (NumberFormatException e) {
                // named below
            }
            throw new IllegalArgumentException("'" + entry + "': a CIDR range needs 0-" + max + " bits after its '/'");
        }
    }
}
