package cki.build.kernel;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A file the build keeps, relative to the output directory (where build.json is), with its size
 * and SHA-256; {@code url} once uploaded.
 */
public record Artifact(String name, String kind, String path, long size, String sha256, String url) {

    public Artifact withUrl(String newUrl) {
        return new Artifact(name, kind, path, size, sha256, newUrl);
    }

    public ObjectNode json() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", name);
        node.put("kind", kind);
        node.put("path", path);
        node.put("size", size);
        node.put("sha256", sha256);
        if (url != null) {
            node.put("url", url);
        }
        return node;
    }
}
