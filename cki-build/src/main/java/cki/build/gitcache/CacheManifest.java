package cki.build.gitcache;

import cki.lib.json.Json;
import cki.lib.json.JsonInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The small JSON document beside a cache tarball that readers follow: which tarball is current, and
 * what it holds. Written last, so a reader that finds it finds a complete tarball.
 *
 * @param name the cache's name, e.g. {@code owner.repo}
 * @param url the repository URL without credentials
 * @param tarball the store key of the tarball
 * @param size the tarball's size in bytes
 * @param sha256 the tarball's SHA-256, hex
 * @param createdAt when the tarball was written
 * @param toolVersion the cki version that wrote it
 * @param refs every ref of the mirror and its object id
 */
public record CacheManifest(String name, String url, String tarball, long size, String sha256, Instant createdAt,
        String toolVersion, SortedMap<String, String> refs) {
    static final int FORMAT = 1;

    public CacheManifest {
        refs = new TreeMap<>(refs);
    }

    ObjectNode json() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("format", FORMAT);
        json.put("name", name);
        json.put("url", url);
        json.put("tarball", tarball);
        json.put("size", size);
        json.put("sha256", sha256);
        json.put("created_at", createdAt.toString());
        json.put("tool", "cki git-cache");
        json.put("tool_version", toolVersion);
        ObjectNode refsJson = json.putObject("refs");
        refs.forEach(refsJson::put);
        return json;
    }

    byte[] bytes() throws IOException {
        return Json.mapper().writeValueAsBytes(json());
    }

    /**
     * @throws IOException naming the field when the manifest is not one cki can use (a corrupt cache)
     */
    static CacheManifest parse(byte[] bytes, String key) throws IOException {
        JsonNode json;
        try {
            json = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IOException("manifest " + key + ": " + JsonInput.problem(e));
        }
        if (json == null || !json.isObject()) {
            throw new IOException("manifest " + key + " is not a JSON object");
        }
        if (json.path("format").asInt(-1) != FORMAT) {
            throw new IOException("manifest " + key + " has format " + json.path("format") + ", cki reads " + FORMAT);
        }
        SortedMap<String, String> refs = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.path("refs").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> ref = it.next();
            refs.put(ref.getKey(), ref.getValue().asText());
        }
        String sha256 = text(json, "sha256", key);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IOException("manifest " + key + ": field 'sha256' is not a SHA-256");
        }
        long size = json.path("size").asLong(-1);
        if (size < 0) {
            throw new IOException("manifest " + key + ": field 'size' is missing or negative");
        }
        Instant createdAt;
        try {
            createdAt = Instant.parse(text(json, "created_at", key));
        } catch (DateTimeParseException e) {
            throw new IOException("manifest " + key + ": field 'created_at' is not an ISO-8601 instant");
        }
        return new CacheManifest(text(json, "name", key), text(json, "url", key), text(json, "tarball", key), size,
                sha256, createdAt, json.path("tool_version").asText("unknown"), refs);
    }

    private static String text(JsonNode json, String field, String key) throws IOException {
        String value = json.path(field).asText("");
        if (value.isEmpty()) {
            throw new IOException("manifest " + key + ": field '" + field + "' is missing");
        }
        return value;
    }
}
