package cki.report.kcidb;

import cki.lib.cli.FailedException;
import cki.lib.http.HttpStatusException;
import cki.lib.http.RetryingHttpClient;
import cki.lib.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a submission to a KCIDB REST endpoint ({@code POST <url>/submit}, bearer token) in chunks,
 * with cki's retries. Resubmitting the same ids is safe: KCIDB merges them.
 */
public final class KcidbSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger("cki.report.kcidb");
    private static final MediaType JSON = MediaType.get("application/json");

    private final RetryingHttpClient http;
    private final String url;
    private final String token;

    public KcidbSubmitter(RetryingHttpClient http, String url, String token) {
        this.http = http;
        this.url = endpoint(url);
        this.token = token;
    }

    /** Where a submission to the KCIDB base URL {@code url} is posted: {@code <url>/submit}. */
    public static String endpoint(String url) {
        String base = url.replaceAll("/+$", "");
        return base.endsWith("/submit") ? base : base + "/submit";
    }

    public String endpoint() {
        return url;
    }

    /** Sends every chunk in order; returns the submission ids KCIDB answered. */
    public List<String> submit(List<ObjectNode> chunks) {
        List<String> ids = new ArrayList<>();
        int number = 1;
        for (ObjectNode chunk : chunks) {
            Request request;
            try {
                request = new Request.Builder().url(url)
                        .header("Authorization", "Bearer " + token)
                        .post(RequestBody.create(Json.mapper().writeValueAsBytes(chunk), JSON)).build();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            try (Response response = http.execute(request)) {
                JsonNode answer = Json.mapper().readTree(response.body().byteStream());
                String status = answer == null ? "" : answer.path("status").asText("");
                if (!status.isEmpty() && !status.equalsIgnoreCase("ok")) {
                    throw new FailedException("KCIDB did not accept chunk " + number + "/" + chunks.size()
                            + ": status '" + status + "'");
                }
                String id = answer == null ? "" : answer.path("id").asText("");
                ids.add(id);
                LOG.info("submitted chunk {}/{} to {}: id {}", number, chunks.size(), url, id);
            } catch (HttpStatusException e) {
                if (e.status() == 401 || e.status() == 403) {
                    throw new FailedException("KCIDB refused the token in CKI_KCIDB_TOKEN (HTTP " + e.status()
                            + "); nothing more was sent after chunk " + (number - 1) + "/" + chunks.size(), e);
                }
                throw new FailedException("KCIDB submission failed at chunk " + number + "/" + chunks.size()
                        + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new FailedException("KCIDB submission failed at chunk " + number + "/" + chunks.size()
                        + ": " + e.getMessage(), e);
            }
            number++;
        }
        return ids;
    }
}
