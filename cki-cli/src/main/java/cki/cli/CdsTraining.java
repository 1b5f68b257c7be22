package cki.cli;

import cki.lib.files.Directories;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run behind the class data sharing archive ({@code cki.jsa}), run once at package time
 * with {@code -XX:DumpLoadedClassList}; the archive is then dumped from that list. The archive holds
 * every class this run loads, so it runs the commands a pipeline calls most, on tiny inputs, in one
 * JVM: a command whose classes are not in the archive loads them from the jar at every start (about
 * 0.2 s for the herder's trace scanner).
 * Failures of single commands do not matter here; only the classes they load do.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        CkiMain.prepareProcess(); // what CkiMain.main does first
        Path scratch = Files.createTempDirectory("cki-cds-training");
        Path trace = Files.writeString(scratch.resolve("trace.log"),
                "Running with gitlab-runner\ncurl: (6) Could not resolve host: example.com\nERROR: Job failed\n");
        Path checkout = scratch.resolve("checkout.json");
        Path merged = scratch.resolve("merged.json");
        // a mail of a series as git format-patch and Patchwork write it (the encoding headers of a
        // non-ASCII one too): its headers are read, by classes that must be in the archive as well
        Path patch = Files.writeString(scratch.resolve("change.patch"),
                "From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\nFrom: Dev <dev@example.org>\n"
                        + "Subject: [PATCH v2 1/1] ext4: inode\nMessage-Id: <2.1-dev@example.org>\n"
                        + "In-Reply-To: <1.0-dev@example.org>\nContent-Type: text/plain; charset=UTF-8\n"
                        + "Content-Transfer-Encoding: 8bit\n\n---\n"
                        + "diff --git a/fs/ext4/inode.c b/fs/ext4/inode.c\n--- a/fs/ext4/inode.c\n+++ b/fs/ext4/inode.c\n"
                        + "@@ -1,2 +1,2 @@\n-old\n+new\n context\n");
        List<List<String>> commands = new ArrayList<>(List.of(
                List.of("--help"),
                List.of("config"),
                List.of("herder", "check", "--trace-file", trace.toString()),
                List.of("kcidb", "checkout", "--repo", "https://example.com/linux.git", "--commit",
                        "0123456789abcdef0123456789abcdef01234567", "--output", checkout.toString()),
                List.of("kcidb", "merge", checkout.toString(), "--output", merged.toString()),
                List.of("kcidb", "validate", merged.toString()),
                List.of("kcidb", "summary", merged.toString()),
                List.of("report", merged.toString()),
                List.of("test", "plan", "--arch", "x86_64"),
                List.of("test", "plan", "--arch", "x86_64", "--patch", patch.toString())));
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try {
            System.setOut(quiet);
            System.setErr(quiet);
            for (List<String> command : commands) {
                try {
                    // the launcher's own way in (CkiMain, CommandTree), whose classes are then archived too:
                    // a start that finds every class in the archive never opens the jar (15 ms)
                    String[] commandLine = command.toArray(String[]::new);
                    CkiMain.commandLine(commandLine).execute(commandLine);
                } catch (RuntimeException e) {
                    err.println("cds training: " + String.join(" ", command) + ": " + e);
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        Directories.deleteTree(scratch);
    }
}
