package cki.report.kcidb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cki.lib.json.Json;

/** The schema version header: cki reads KCIDB 5.0 to 5.3 and writes 5.3. */
public final class KcidbVersion {
    public static final int MAJOR = 5;
    public static final int MINOR = 3;

    private KcidbVersion() {
    }

    public static ObjectNode header() {
        ObjectNode version = Json.mapper().createObjectNode();
        version.put("major", MAJOR);
        version.put("minor", MINOR);
        return version;
    }

    public static String describe(JsonNode version) {
        if (version == null || version.isMissingNode() || version.isNull()) {
            return "without a version";
        }
        return "v" + version.path("major").asText("?")
                + (version.has("minor") ? "." + version.path("minor").asText() : "");
    }

    /**
     * Null when cki can read this version; otherwise the one-line reason, naming the version found.
     * Older major versions (v4: revisions instead of checkouts) are refused rather than guessed at.
     */
    public static String unsupported(JsonNode version) {
        // 5.0 is the integer 5 in JSON
        if (version == null || !version.isObject() || !version.path("major").canConvertToExactIntegral()) {
            return "no KCIDB version header ({\"version\": {\"major\": 5, \"minor\": 3}}) found";
        }
        int major = version.get("major").asInt();
        if (major < MAJOR) {
            return "KCIDB schema " + describe(version) + " found; cki reads v5.0 to v5.3 only: upgrade the "
                    + "submission with KCIDB's own 'kcidb-upgrade' first";
        }
        if (major > MAJOR || version.path("minor").asInt(0) > MINOR) {
            return "KCIDB schema " + describe(version) + " found; this cki knows v5.0 to v5." + MINOR;
        }
        return null;
    }
}
