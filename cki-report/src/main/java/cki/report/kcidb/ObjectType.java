package cki.report.kcidb;

import java.util.List;
import java.util.Map;

/**
 * The KCIDB object lists, in the order a submission should carry them (referenced objects first),
 * with the id fields each object type uses to refer to others.
 */
public enum ObjectType {
    CHECKOUTS("checkouts", "checkout", Map.of()),
    BUILDS("builds", "build", Map.of("checkout_id", "checkouts")),
    TESTS("tests", "test", Map.of("build_id", "builds")),
    ISSUES("issues", "issue", Map.of()),
    INCIDENTS("incidents", "incident", Map.of("build_id", "builds", "test_id", "tests", "issue_id", "issues"));

    private final String key;
    private final String definition;
    private final Map<String, String> references;

    ObjectType(String key, String definition, Map<String, String> references) {
        this.key = key;
        this.definition = definition;
        this.references = references;
    }

    /** The top-level key of the list, e.g. "tests". */
    public String key() {
        return key;
    }

    /** The schema's {@code $defs} entry, e.g. "test". */
    public String definition() {
        return definition;
    }

    /** Reference field name -> the list key of the object it points at. */
    public Map<String, String> references() {
        return references;
    }

    public static ObjectType byKey(String key) {
        for (ObjectType type : values()) {
            if (type.key.equals(key)) {
                return type;
            }
        }
        return null;
    }

    public static List<String> keys() {
        return List.of(values()).stream().map(ObjectType::key).toList();
    }

    /** Issues are identified by id and version together; everything else by id. */
    public String identity(com.fasterxml.jackson.databind.JsonNode object) {
        String id = object.path("id").asText(null);
        if (id == null) {
            return null;
        }
        return this == ISSUES ? id + "@" + object.path("version").asText("") : id;
    }
}
