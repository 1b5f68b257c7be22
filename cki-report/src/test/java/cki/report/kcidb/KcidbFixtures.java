package cki.report.kcidb;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** The shared KCIDB schema and examples (read in place from ../shared), and generated submissions. */
final class KcidbFixtures {
    private KcidbFixtures() {
    }

    /** KCIDB's own v5.3 JSON schema: the outside reference cki's rules are compared with. */
    static Path upstreamSchema() {
        return Path.of(System.getProperty("cki.shared.dir"), "schemas", "kcidb", "v5.3.schema.json");
    }

    static Path example(String name) {
        return Path.of(System.getProperty("cki.shared.dir"), "schemas", "kcidb", "examples", name);
    }

    /** A valid submission: one checkout, {@code builds} builds, {@code tests} tests spread over them. */
    static ObjectNode generated(int builds, int tests) {
        ObjectNode submission = Submission.empty();
        submission.putArray("checkouts").addObject().put("id", "cki:c1").put("origin", "cki")
                .put("git_commit_hash", "0123456789abcdef0123456789abcdef01234567").put("valid", true);
        ArrayNode buildList = submission.putArray("builds");
        for (int b = 0; b < builds; b++) {
            buildList.addObject().put("id", "cki:b" + b).put("origin", "cki").put("checkout_id", "cki:c1")
                    .put("architecture", "x86_64").put("status", b % 10 == 0 ? "FAIL" : "PASS");
        }
        ArrayNode testList = submission.putArray("tests");
        String[] statuses = {"PASS", "PASS", "PASS", "FAIL", "SKIP", "ERROR"};
        for (int t = 0; t < tests; t++) {
            ObjectNode test = testList.addObject().put("id", "cki:t" + t).put("origin", "cki")
                    .put("build_id", "cki:b" + (t % builds)).put("path", "ltp.syscalls.t" + (t % 97))
                    .put("status", statuses[t % statuses.length]).put("duration", t % 300)
                    .put("start_time", "2026-11-23T10:00:00+00:00");
            test.putObject("environment").put("comment", "host-" + (t % 13) + ".lab.example");
        }
        return submission;
    }

    static String json(Object value) throws Exception {
        return Json.mapper().writeValueAsString(value);
    }
}
