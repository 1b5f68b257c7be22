package cki.report.kcidb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a submission's values must look like, checked a piece at a time so a large submission is
 * streamed: cki's own KCIDB v5.3 rules ({@link KcidbRules}), or a JSON schema file the user names
 * ({@link KcidbSchema}).
 */
public interface SubmissionRules {
    /** Problems of the top level (version header, unknown keys, list types), the object lists left empty. */
    List<Problem> checkTopLevel(JsonNode skeleton);

    /** Problems of one object of a list, with pointers under {@code prefix} (e.g. /tests/12). */
    List<Problem> checkObject(ObjectType type, JsonNode object, String prefix);

    /** Where the rules come from, for messages. */
    String describe();
}
