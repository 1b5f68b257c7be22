package cki.report.kcidb;

import cki.lib.cli.UsageException;
import cki.lib.config.Redaction;
import cki.lib.files.Sha256;
import cki.lib.git.CommitHash;
import cki.lib.json.Json;
import cki.lib.patches.Patch;
import cki.lib.patches.SavedPatches;
import cki.lib.results.KcidbOrigin;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cki.lib.http.RetryingHttpClient;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the KCIDB checkout object for the code a pipeline tests. */
public final class CheckoutFactory {
    private static final Logger LOG = LoggerFactory.getLogger("cki.report.kcidb");
    private static final String OPTION = "--patch-mbox";

    /** What the checkout is. Null fields are left out. */
    public record Input(String origin, String repositoryUrl, String commit, String branch, String treeName,
            List<Patch> patches, String startTime, String id, boolean valid) {
    }

    /**
     * The patches applied on top, for KCIDB's patchset_files (name and URL) and patchset_hash (bytes):
     * read from files or http(s) URLs (fetched with retries), or the copies an earlier job saved.
     */
    public static List<Patch> patches(List<String> sources, Path saved, Supplier<RetryingHttpClient> http) {
        if (saved != null && !sources.isEmpty()) {
            throw new UsageException("give the patches with --patch-mbox or with --patches-from, not both");
        }
        List<Patch> patches = saved != null ? SavedPatches.load("--patches-from", saved)
                : sources.stream().map(source -> Patch.read(OPTION, source, http, InputStream.nullInputStream()))
                        .toList();
        for (Patch patch : patches) {
            if (patch.url() == null) {
                throw new UsageException((saved != null ? "--patches-from " + saved : OPTION) + ": "
                        + patch.shown() + " has no URL for KCIDB's patchset_files; give a file or a URL");
            }
        }
        return patches;
    }

    private CheckoutFactory() {
    }

    public static ObjectNode create(Input input) {
        KcidbOrigin.checked("--origin", input.origin());
        String commit = CommitHash.full("--commit", input.commit());
        if (input.repositoryUrl() == null || input.repositoryUrl().isBlank()) {
            throw new UsageException("--repo: a repository URL is required");
        }
        String patchsetHash = patchsetHash(input.patches());
        ObjectNode checkout = Json.mapper().createObjectNode();
        String suffix = input.id() != null ? input.id()
                : commit + (patchsetHash.isEmpty() ? "" : "+" + patchsetHash.substring(0, 12));
        checkout.put("id", input.origin() + ":" + suffix);
        checkout.put("origin", input.origin());
        String url = Redaction.stripUserInfo(input.repositoryUrl()); // goes to KCIDB
        if (url.regionMatches(true, 0, "https://", 0, 8)) {
            checkout.put("git_repository_url", "https://" + url.substring(8)); // the scheme as the schema spells it
        } else {
            // KCIDB's schema takes https:// alone, and the field is optional: a checkout of a local or ssh
            // repository stays valid without it (and the pipeline goes on) rather than being refused later
            LOG.warn("--repo {}: KCIDB records only https:// repository URLs, so git_repository_url is left out; "
                    + "give the repository's public https URL (CKI_KCIDB_REPO_URL in the pipeline)", url);
        }
        checkout.put("git_commit_hash", commit);
        if (input.branch() != null) {
            checkout.put("git_repository_branch", input.branch());
        }
        if (input.treeName() != null) {
            checkout.put("tree_name", input.treeName());
        }
        ArrayNode files = checkout.putArray("patchset_files");
        for (Patch patch : input.patches()) {
            files.addObject().put("name", patch.name()).put("url", patch.url());
        }
        if (files.isEmpty()) {
            checkout.remove("patchset_files");
        }
        checkout.put("patchset_hash", patchsetHash);
        // the mail that introduced the series: a report can answer in its thread
        input.patches().stream().findFirst().flatMap(patch -> PatchMail.first(patch.content())).ifPresent(mail -> {
            checkout.put("message_id", mail.messageId());
            if (mail.subject() != null) {
                checkout.put("comment", mail.subject());
            }
        });
        checkout.put("start_time", startTime(input.startTime()));
        checkout.put("valid", input.valid());
        return checkout;
    }

    /** KCIDB's definition: sha256 over the newline-terminated sha256 hex of each patch, in order. */
    static String patchsetHash(List<Patch> patches) {
        if (patches.isEmpty()) {
            return "";
        }
        StringBuilder hashes = new StringBuilder();
        for (Patch patch : patches) {
            hashes.append(Sha256.of(patch.content())).append('\n');
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
