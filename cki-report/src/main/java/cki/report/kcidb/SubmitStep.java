package cki.report.kcidb;

import cki.lib.cli.UsageException;
import cki.lib.config.Environment;
import cki.lib.config.SideEffectGuard;
import cki.lib.http.RetryingHttpClient;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cki kcidb submit}: validate, write the final file, and in production send it in chunks.
 * Outside production nothing is sent; the final file is what would have been.
 */
public final class SubmitStep {
    public static final String TOKEN_VARIABLE = "CKI_KCIDB_TOKEN";
    /** Where a run without --url, outside production (which needs one), would have sent the submission. */
    private static final String NO_URL = "KCIDB (no --url given)";

    /** What happened. */
    public record Outcome(int objects, int chunks, boolean sent, List<String> submissionIds, Path finalFile,
            ValidationReport validation) {
    }

    private SubmitStep() {
    }

    public static Outcome run(Path file, String url, Path finalFile, int chunkSize, SubmissionRules rules,
            Environment environment, SideEffectGuard guard, RetryingHttpClient http) throws Exception {
        if (!given(url) && guard.isProduction()) {
            throw new UsageException("--url: the KCIDB submission URL is required");
        }
        ValidationReport validation = new SubmissionValidator(rules).validate(file, false);
        if (!validation.valid()) {
            throw new UsageException(file + ": not a valid KCIDB submission (" + validation.errors().size()
                    + " errors; first: " + validation.errors().get(0) + "); run 'cki kcidb validate " + file + "'");
        }
        ObjectNode submission = Submission.read(file);
        int objects = validation.counts().values().stream().mapToInt(Integer::intValue).sum();
        List<ObjectNode> chunks = Chunker.split(submission, chunkSize);
        Submission.write(finalFile, submission);
        // elsewhere a missing URL only leaves the "would submit" line without a place: checking a file
        // before its first production run should not need an invented one
        List<String> ids = guard.perform("submit " + objects + " objects in " + chunks.size() + " chunks to "
                + (given(url) ? KcidbSubmitter.endpoint(url) : NO_URL), () -> {
                    String token = environment.get(TOKEN_VARIABLE).orElseThrow(() -> new UsageException(
                            TOKEN_VARIABLE + " is not set: the KCIDB token comes from the environment"));
                    return new KcidbSubmitter(http, url, token).submit(chunks);
                }, null);
        return new Outcome(objects, chunks.size(), ids != null, ids == null ? List.of() : ids, finalFile, validation);
    }

    public static ObjectNode toJson(Outcome outcome) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("objects", outcome.objects());
        root.put("chunks", outcome.chunks());
        root.put("sent", outcome.sent());
        root.put("final_file", outcome.finalFile().toString());
        outcome.submissionIds().forEach(root.putArray("submission_ids")::add);
        root.put("warnings", outcome.validation().warnings().size());
        return root;
    }

    private static boolean given(String url) {
        return url != null && !url.isBlank();
    }

    public static String toText(Outcome outcome, String url) {
        return (outcome.sent() ? "submitted " : "would submit (not production) ") + outcome.objects()
                + " objects in " + outcome.chunks() + " chunks to " + (given(url) ? url : NO_URL)
                + "; final file: " + outcome.finalFile()
                + (outcome.sent() ? "; KCIDB ids: " + String.join(", ", outcome.submissionIds()) : "");
    }

}
