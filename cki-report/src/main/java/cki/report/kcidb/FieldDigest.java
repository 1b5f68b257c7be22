package cki.report.kcidb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
        // a few fields per object: an insertion sort on two arrays beats a sorted map per object
        String[] names = new String[object.size()];
        int[] hashes = new int[object.size()];
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            int i = count++;
            while (i > 0 && names[i - 1].compareTo(field.getKey()) > 0) {
                names[i] = names[i - 1];
                hashes[i] = hashes[i - 1];
                i--;
            }
            // Jackson hands out one canonical instance per field name, so the names are shared already
            names[i] = field.getKey();
            hashes[i] = field.getValue().hashCode();
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
