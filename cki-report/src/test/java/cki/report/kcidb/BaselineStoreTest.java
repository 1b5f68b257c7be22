package cki.report.kcidb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CliRun;
import cki.lib.json.Json;
import cki.report.cli.KcidbCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline's merged results kept as the baseline of its commit, and fetched by a later pipeline. */
class BaselineStoreTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path temp;

    private CliRun baseline(Map<String, String> environment, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "baseline";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(new KcidbCommand(), environment, all);
    }

    @Test
    void storedResultsAreFoundByTreeBranchAndCommitAndAMissingOneIsNoError() throws Exception {
        Path merged = Files.writeString(temp.resolve("kcidb.final.json"), """
                {"version": {"major": 5, "minor": 3}, "checkouts": [{"id": "cki:c1", "origin": "cki"}]}""");
        Map<String, String> env = Map.of("CKI_ARTIFACT_STORE", temp.resolve("store").toUri().toString());
        CliRun put = baseline(env, "--put", merged.toString(), "--tree", "mainline", "--branch", "feature/x",
                "--commit", SHA);
        assertEquals(0, put.exitCode, put.toString());
        assertTrue(Files.exists(temp.resolve("store/baselines/mainline/feature_x/" + SHA + ".json")), put.toString());

        Path fetched = temp.resolve("out/base.json");
        CliRun get = baseline(env, "--get", fetched.toString(), "--tree", "mainline", "--branch", "feature/x",
                "--commit", SHA, "--format", "json");
        assertEquals(0, get.exitCode, get.toString());
        assertTrue(Json.mapper().readTree(get.out).get("found").asBoolean());
        assertEquals(Files.readString(merged), Files.readString(fetched));

        Path none = temp.resolve("out/none.json");
        CliRun missing = baseline(env, "--get", none.toString(), "--tree", "mainline", "--branch", "feature/x",
                "--commit", SHA.replace('0', 'f'));
        assertEquals(0, missing.exitCode, missing.toString());
        assertTrue(missing.out.startsWith("no baseline of "), missing.out);
        assertFalse(Files.exists(none), "nothing is written when there is no baseline");
    }

    @Test
    void badInputIsExitTwoAndASharedBucketIsOnlyWrittenInProduction() throws Exception {
        Map<String, String> env = Map.of("CKI_ARTIFACT_STORE", temp.resolve("store").toUri().toString());
        Path notKcidb = Files.writeString(temp.resolve("x.json"), "[]");
        assertEquals(2, baseline(env, "--put", notKcidb.toString(), "--tree", "t", "--branch", "b",
                "--commit", SHA).exitCode);
        assertEquals(2, baseline(env, "--get", temp.resolve("o.json").toString(), "--tree", "t", "--branch", "b",
                "--commit", "HEAD").exitCode);

        Path merged = Files.writeString(temp.resolve("kcidb.json"), "{\"version\": {\"major\": 5, \"minor\": 3}}");
        CliRun shared = baseline(Map.of("CKI_ARTIFACT_STORE", "s3://production-bucket/cki",
                "CKI_S3_ENDPOINT", "https://s3.example.invalid", "CKI_DEPLOYMENT_ENVIRONMENT", "staging"),
                "--put", merged.toString(), "--tree", "t", "--branch", "b", "--commit", SHA);
        assertEquals(0, shared.exitCode, shared.toString());
        assertTrue(shared.out.startsWith("not stored (not production)"), shared.toString());
        assertTrue(shared.err.contains("would store"), shared.err);
    }
}
