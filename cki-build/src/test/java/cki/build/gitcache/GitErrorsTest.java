package cki.build.gitcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git-errors.yaml decides what is never retried; everything else a network git command reports is. */
class GitErrorsTest {
    @Test
    void everyKindHasAUniqueNameAndADescription() {
        Set<String> names = new HashSet<>();
        for (GitErrors.Kind kind : GitErrors.load()) {
            assertFalse(kind.description().isBlank(), kind.name());
            assertEquals(true, names.add(kind.name()), "duplicate " + kind.name());
        }
    }

    @Test
    void permanentFailuresAreRecognisedFromGitsOwnWords() {
        assertEquals("not-a-repository", GitErrors.permanent(
                "fatal: '/srv/missing.git' does not appear to be a git repository\n").name());
        assertEquals("not-a-repository", GitErrors.permanent(
                "remote: The project you were looking for could not be found.\n"
                        + "fatal: repository 'https://gitlab.com/owner/gone.git/' not found\n").name());
        assertEquals("no-such-ref", GitErrors.permanent("fatal: couldn't find remote ref no-such-branch\n").name());
        assertEquals("authentication", GitErrors.permanent(
                "fatal: could not read Username for 'https://gitlab.com': terminal prompts disabled\n").name());
        assertEquals("unsupported-url", GitErrors.permanent("git: 'remote-ftp' is not a git command.\n"
                + "fatal: Unable to find remote helper for 'ftp'\n").name());
    }

    /**
     * A repository of another user (a runner with another UID than the volume's owner): git refuses it
     * since 2.35.2, and no retry changes that. Made for real where the test can give a directory away.
     */
    @Test
    void aRepositoryOfAnotherUserIsPermanent(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a directory to another user");
        Path repo = dir.resolve("theirs.git");
        assertEquals(0, new ProcessBuilder("git", "init", "-q", "--bare", repo.toString()).start().waitFor());
        assertEquals(0, new ProcessBuilder("chown", "-R", "12345:12345", repo.toString()).start().waitFor());
        Process lsRemote = new ProcessBuilder("git", "ls-remote", "--end-of-options", repo.toUri().toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(lsRemote.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(128, lsRemote.waitFor(), stderr);

        assertEquals("dubious-ownership", GitErrors.permanent(stderr).name(), stderr);
    }

    @Test
    void networkTroubleIsTransient() {
        assertNull(GitErrors.permanent("fatal: unable to access 'https://gitlab.com/owner/repo.git/': "
                + "Could not resolve host: gitlab.com\n"));
        assertNull(GitErrors.permanent("error: RPC failed; HTTP 503 curl 22 The requested URL returned error: 503\n"
                + "fatal: expected flush after ref listing\n"));
        assertNull(GitErrors.permanent("fatal: the remote end hung up unexpectedly\n"));
        assertNull(GitErrors.permanent("error: RPC failed; curl 18 transfer closed with outstanding read data\n"));
    }
}
