package cki.test.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.CommandLines;
import cki.lib.config.Environment;
import cki.lib.json.Json;
import cki.test.changes.GitRepo;
import cki.test.support.SharedSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cki test plan|beaker} with a source of changes: what runs, what is left out, and why. */
class TargetedPlanCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        CommandLine command = CommandLines.create(new TestCommand(), new Environment(Map.of()));
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private Path changed(String... files) throws Exception {
        Path list = dir.resolve("changed.txt");
        Files.writeString(list, String.join("\n", files) + "\n");
        return list;
    }

    @Test
    void theTextSaysForEveryTestWhyItRunsOrNot() throws Exception {
        assertEquals(0, run("plan", "--arch", "x86_64", "--tree", "mainline", "--changed-files",
                changed("fs/ext4/inode.c", "Makefile").toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("2 changed files (changed files listed in "), text);
        assertTrue(text.contains("filesystems.xfstests.ext4 targeted: fs/ext4/inode.c matches fs/ext4/.*"), text);
        assertTrue(text.contains("boot                   runs for every change"), text);
        assertTrue(text.contains("kselftests.net         not targeted: no changed file matches [net/.*"), text);
        assertTrue(text.contains("fs.proc                not targeted:"), text);
        assertTrue(text.contains("left out 2 (2 not targeted by the change):"), text);
    }

    @Test
    void patchesInSeveralFilesAreOneChange() throws Exception {
        Path net = Files.writeString(dir.resolve("0001-net.patch"), "--- a/net/core/dev.c\n+++ b/net/core/dev.c\n");
        Path ext4 = Files.writeString(dir.resolve("0002-ext4.patch"), "--- a/fs/ext4/inode.c\n+++ b/fs/ext4/inode.c\n");
        assertEquals(0, run("plan", "--arch", "x86_64", "--patch", net.toString(), "--patch", ext4.toString(), "--format",
                "json"), err.toString());
        JsonNode json = Json.mapper().readTree(out.toString());
        assertEquals("[\"net/core/dev.c\",\"fs/ext4/inode.c\"]", json.at("/changes/files").toString());
        assertEquals("2 patches: " + net + ", " + ext4, json.at("/changes/origin").asText());
    }

    @Test
    void jsonCarriesTheChangedFilesAndTheReasons() throws Exception {
        Path patch = dir.resolve("p.patch");
        Files.writeString(patch, """
                diff --git a/net/core/dev.c b/net/core/dev.c
                --- a/net/core/dev.c
                +++ b/net/core/dev.c
                @@ -1 +1 @@
                -a
                +b
                """);
        assertEquals(0, run("plan", "--arch", "x86_64", "--patch", patch.toString(), "--format", "json"), err.toString());
        JsonNode json = Json.mapper().readTree(out.toString());
        assertEquals("net/core/dev.c", json.at("/changes/files/0").asText());
        assertEquals(2, json.get("left_out_untargeted").asInt());
        JsonNode net = null;
        for (JsonNode test : json.get("selected")) {
            if (test.get("path").asText().equals("kselftests.net")) {
                net = test;
            }
        }
        assertEquals("targeted: net/core/dev.c matches net/.*", net.get("selected_by").asText());
    }

    @Test
    void changesPrintsAGitRangesFilesForJobsWithoutTheTree() throws Exception {
        GitRepo repo = new GitRepo(dir.resolve("linux"));
        String base = repo.write("fs/proc/base.c", "a\n").write("mm/slab.c", "b\n").commit("base");
        java.nio.file.Files.move(repo.dir.resolve("mm/slab.c"), repo.dir.resolve("mm/slub.c"));
        String head = repo.write("fs/proc/base.c", "c\n").commit("change");
        assertEquals(0, run("changes", "--diff", base + ".." + head, "--source", repo.dir.toString()), err.toString());
        assertEquals(java.util.Set.of("fs/proc/base.c", "mm/slab.c", "mm/slub.c"),
                java.util.Set.copyOf(out.toString().lines().toList()));
        Path list = dir.resolve("changed.txt");
        Files.writeString(list, out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("plan", "--arch", "x86_64", "--backend", "qemu", "--changed-files", list.toString()));
        assertTrue(out.toString().contains("fs.proc                targeted: fs/proc/base.c matches fs/proc/.*"),
                out.toString());
        assertEquals(2, run("changes"));
        assertTrue(err.toString().contains("give --changed-files, --diff with --source, or --patch"), err.toString());
    }

    @Test
    void twoSourcesOfChangesOrABrokenConditionAreBadInput() throws Exception {
        assertEquals(2, run("plan", "--arch", "x86_64", "--changed-files", changed("a").toString(),
                "--patch", "x.mbox"));
        assertTrue(err.toString().contains("give at most one source of changes"), err.toString());
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "name: x\ndescription: y\ntests:\n  - {name: a, description: b, path: a, "
                + "max_duration: 1m, maintainers: [{name: A, email: a@x.org}], qemu: {builtin: boot}, "
                + "when: {or: [{arch: [x86_64]}]}}\n");
        assertEquals(2, run("plan", "--arch", "x86_64", "--plan", plan.toString()));
        assertTrue(err.toString().contains("plan.yaml: tests[0].when.or[0].arch: unknown field"), err.toString());
    }

    @Test
    void beakerRunsExactlyThePlansSelectionAndWritesIt() throws Exception {
        Path build = dir.resolve("build.json");
        Files.writeString(build, "{\"version\": 1, \"status\": \"PASS\", \"arch\": \"x86_64\", "
                + "\"kcidb\": {\"id\": \"cki:b1\", \"checkout_id\": \"cki:c1\"}, \"artifacts\": []}");
        Path output = dir.resolve("beaker");
        assertEquals(0, run("beaker", "--build-json", build.toString(), "--output", output.toString(), "--dry-run",
                "--tree", "mainline", "--job-schema", SharedSchemas.beakerJobSchema().toString(),
                "--changed-files", changed("fs/jbd2/journal.c").toString()), err.toString());
        String xml = Files.readString(output.resolve("beaker-job.xml"));
        assertTrue(xml.contains("/kernel/filesystems/xfs/xfstests"), xml);
        assertFalse(xml.contains("/kernel/kselftests"), xml);
        JsonNode selection = Json.mapper().readTree(output.resolve("selection.json").toFile());
        assertEquals("fs/jbd2/journal.c", selection.at("/changes/files/0").asText());
        assertTrue(selection.toString().contains("targeted: fs/jbd2/journal.c matches fs/jbd2/.*"), selection.toString());
    }
}
