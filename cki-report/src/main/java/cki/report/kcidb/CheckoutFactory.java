package cki.report.kcidb;

import cki.lib.cli.UsageException;
import cki.lib.config.Redaction;
import cki.lib.files.Sha256;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/** Builds the KCIDB checkout object for the code a pipeline tests. */
public final class CheckoutFactory {
    private static final Pattern ORIGIN = Pattern.compile("^[a-z0-9_]+$");
    private static final Pattern COMMIT = Pattern.compile("^[0-9a-f]{40}$|^[0-9a-f]{64}$");

    /** What the checkout is. Null fields are left out. */
    public record Input(String origin, String repositoryUrl, String commit, String branch, String treeName,
            List<Path> patches, String startTime, String id, boolean valid) {
    }

    private CheckoutFactory() {
    }

    public static ObjectNode create(Input input) {
        if (input.origin() == null || !ORIGIN.matcher(input.origin()).matches()) {
            throw new UsageException("--origin: '" + input.origin() + "' must match ^[a-z0-9_]+$");
        }
        if (input.commit() == null || !COMMIT.matcher(input.commit()).matches()) {
            throw new UsageException("--commit: '" + input.commit() + "' is not a full lower-case git commit hash");
        }
        if (input.repositoryUrl() == null || input.repositoryUrl().isBlank()) {
            throw new UsageException("--repo: a repository URL is required");
        }
        String patchsetHash = patchsetHash(input.patches());
        ObjectNode checkout = Json.mapper().createObjectNode();
        String suffix = input.id() != null ? input.id()
                : input.commit() + (patchsetHash.isEmpty() ? "" : "+" + patchsetHash.substring(0, 12));
        checkout.put("id", input.origin() + ":" + suffix);
        checkout.put("origin", input.origin());
        checkout.put("git_repository_url", Redaction.stripUserInfo(input.repositoryUrl())); // goes to KCIDB
        checkout.put("git_commit_hash", input.commit());
        if (input.branch() != null) {
            checkout.put("git_repository_branch", input.branch());
        }
        if (input.treeName() != null) {
            checkout.put("tree_name", input.treeName());
        }
        ArrayNode files = checkout.putArray("patchset_files");
        for (Path patch : input.patches()) {
            files.addObject().put("name", patch.getFileName().toString())
                    .put("url", patch.toAbsolutePath().toUri().toString());
        }
        if (files.isEmpty()) {
            checkout.remove("patchset_files");
        }
        checkout.put("patchset_hash", patchsetHash);
        checkout.put("start_time", startTime(input.startTime()));
        checkout.put("valid", input.valid());
        return checkout;
    }

    /** KCIDB's definition: sha256 over the newline-terminated sha256 hex of each patch, in order. */
    static String patchsetHash(List<Path> patches) {
        if (patches.isEmpty()) {
            return "";
        }
        StringBuilder hashes = new StringBuilder();
        for (Path patch : patches) {
            try {
                hashes.append(Sha256.of(Files.readAllBytes(patch))).append('\n');
            } catch (IOException e) {
                throw new UsageException("--patch-mbox: cannot read '" + patch + "': " + e.getMessage());
            }
        }
        return Sha256.of(hashes.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String startTime(String given) {
        if (given == null) {
            return OffsetDateTime.now(ZoneOffset.UTC).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        try {
            // ISO_OFFSET_DATE_TIME keeps ":00" seconds, which OffsetDateTime.toString() drops (RFC 3339 needs them)
            return OffsetDateTime.parse(given).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new UsageException("--start-time: '" + given + "' is not an ISO-8601 date-time with offset "
                    + "(e.g. 2026-11-23T10:00:00+00:00)");
        }
    }
}
