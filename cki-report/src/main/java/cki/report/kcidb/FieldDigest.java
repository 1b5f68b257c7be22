package cki.report.kcidb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compact fingerprint of an object's fields (name -> hash of value), so duplicate ids in a
 * 100k-object submission can be checked for conflicting fields without keeping the objects.
 */
final class FieldDigest {
    private final String[] names;
    private final int[] valueHashes;

    private FieldDigest(String[] names, int[] valueHashes) {
        this.names = names;
        this.valueHashes = valueHashes;
    }

    static FieldDigest of(JsonNode object) {
        Map<String, Integer> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            sorted.put(field.getKey(), field.getValue().hashCode());
        }
        String[] names = new String[sorted.size()];
        int[] hashes = new int[sorted.size()];
        int i = 0;
        for (Map.Entry<String, Integer> entry : sorted.entrySet()) {
            names[i] = entry.getKey().intern();
            hashes[i] = entry.getValue();
            i++;
        }
        return new FieldDigest(names, hashes);
    }

    /** Fields both objects have with different values. */
    List<String> conflictsWith(FieldDigest other) {
        List<String> conflicts = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < names.length && j < other.names.length) {
            int order = names[i].compareTo(other.names[j]);
            if (order == 0) {
                if (valueHashes[i] != other.valueHashes[j]) {
                    conflicts.add(names[i]);
                }
                i++;
                j++;
            } else if (order < 0) {
                i++;
            } else {
                j++;
            }
        }
        return conflicts;
    }
}
