package cki.lib.storage;

/** Validation of object keys shared by every store, so a key means the same everywhere. */
final class ObjectKeys {
    private ObjectKeys() {
    }

    static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("object key is empty");
        }
        if (key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("object key '" + key + "' must not start or end with '/'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("object key '" + key + "' has an empty, '.' or '..' segment");
            }
        }
        if (key.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("object key '" + key.replaceAll("\\p{Cntrl}", "?")
                    + "' has control characters");
        }
        return key;
    }

    static String checkPrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        if (prefix.startsWith("/") || prefix.contains("..")) {
            throw new IllegalArgumentException("object prefix '" + prefix + "' must be relative without '..'");
        }
        return prefix;
    }
}
