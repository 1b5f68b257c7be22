package cki.build.gitcache;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a repository's config says, git as cki runs it starts no hook, no file-system monitor
 * and no ext:: transport: the settings come in the command-line scope, which outranks the config.
 */
class GitProtectionTest {
    @TempDir
    Path temp;

    @Test
    void hooksAndFsmonitorNamedByTheRepositoryConfigDoNotRun() throws IOException {
        Upstream repo = Upstream.create(temp.resolve("forge"), "owner", "repo");
        Path marker = temp.resolve("owned");
        Path hooks = Files.createDirectories(temp.resolve("hooks"));
        for (String hook : List.of("post-checkout", "reference-transaction", "pre-auto-gc")) {
            Path file = hooks.resolve(hook);
            Files.writeString(file, "#!/bin/sh\necho " + hook + " >> '" + marker + "'\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Upstream.GIT.run(repo.dir, "config", "core.hooksPath", hooks.toString());
        Upstream.GIT.run(repo.dir, "config", "core.fsmonitor", "echo fsmonitor >> '" + marker + "'; true");
        Upstream.GIT.run(repo.dir, "checkout", "--quiet", "-b", "other");
        Upstream.GIT.run(repo.dir, "status", "--porcelain");
        Upstream.GIT.run(repo.dir, "update-ref", "refs/heads/third", "HEAD");
        assertFalse(Files.exists(marker), () -> "ran: " + read(marker));
    }

    @Test
    void theExtTransportWhichRunsACommandIsRefused() throws IOException {
        Upstream repo = Upstream.create(temp.resolve("forge"), "owner", "repo");
        Path marker = temp.resolve("owned");
        Git.Result result = Upstream.GIT.tryRun(repo.dir, List.of("fetch", "ext::sh -c touch% " + marker));
        assertFalse(result.ok());
        assertFalse(Files.exists(marker));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
