package cki.build.gitcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cki.lib.cli.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** cki's rules for --ref against git's own ({@code git check-ref-format --allow-onelevel}) as the oracle. */
class RefNameTest {
    static final List<String> NAMES = List.of("main", "HEAD", "v6.1-rc1", "refs/heads/main", "refs/pull/123/head",
            "refs/heads/-x", "0123abcd", "4d1a3c0f5e6b7a8c9d0e1f2a3b4c5d6e7f8a9b0c", "é", "@a", "a@b", "a.lock.b",
            "a b", "a\tb", "a\u007fb", "a..b", "a/.b", ".a", "a.lock", "a/b.lock/c", "@", "a@{b", "a/", "/a", "a//b",
            "a.", "x~1", "x^", "a:b", "a?", "a*", "a[b", "a\\b", "");

    @Test
    void catchesWhatGitRefuses() throws Exception {
        for (String name : NAMES) {
            boolean gitTakes = new ProcessBuilder("git", "check-ref-format", "--allow-onelevel", name).start()
                    .waitFor() == 0;
            assertEquals(gitTakes, RefName.problem(name) == null, "'" + name + "': " + RefName.problem(name));
        }
    }

    @Test
    void aNameThatGitWouldTakeForAnOptionIsRefused() {
        // git check-ref-format itself reads these as options (exit 129), as fetch would
        for (String name : List.of("-x", "--upload-pack=touch /tmp/x", "-uevil")) {
            assertNotNull(RefName.problem(name), name);
        }
        assertEquals("--ref '--upload-pack=touch /tmp/x': not a branch, tag or commit name (it starts with '-')",
                assertThrows(UsageException.class, () -> RefName.check("--ref", "--upload-pack=touch /tmp/x"))
                        .getMessage());
        assertEquals("--ref 'a?b': not a branch, tag or commit name (a space or control character)",
                assertThrows(UsageException.class, () -> RefName.check("--ref", "a\nb")).getMessage());
    }
}
