package cki.report.render;

import cki.lib.http.HttpClients;
import cki.lib.http.RetryingHttpClient;
import cki.lib.json.Json;
import cki.lib.retry.RetrySettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A small realistic pipeline result: pass, new failure, known issue, infrastructure error, skip, waived. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(ReportFixtures.class.getResource("/cki/report/render/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String name) throws IOException {
        return Json.mapper().readTree(resource(name).toFile());
    }

    static LogReader logs() {
        return new LogReader(new RetryingHttpClient(HttpClients.builder().build(),
                new RetrySettings(2, Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofSeconds(5))), "cki");
    }

    static Report report() throws IOException {
        return new ReportBuilder(KnownIssues.load(resource("known-issues.yaml")), logs())
                .build(json("submission.json"), List.of(build(json("build-x86_64.json"))), null);
    }

    /** A build.json fixture through the one reader, as {@code cki report --build-json} reads it. */
    static cki.lib.results.BuildJson build(com.fasterxml.jackson.databind.JsonNode document) {
        return cki.lib.results.BuildJson.of(java.nio.file.Path.of("build.json"), document);
    }
}
