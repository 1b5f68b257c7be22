package cki.build.gitcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RepoUrlTest {
    @Test
    void theShortNameIsOwnerDotRepoAsCkiNamesItsTarballs() {
        assertEquals("cki-project.kernel-ark", RepoUrl.parse("https://gitlab.com/cki-project/kernel-ark.git").shortName());
        assertEquals("torvalds.linux",
                RepoUrl.parse("https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git").shortName());
        assertEquals("owner.repo", RepoUrl.parse("git@gitlab.com:owner/repo.git").shortName());
        assertEquals("owner.repo", RepoUrl.parse("file:///srv/git/owner/repo.git/").shortName());
    }

    @Test
    void theQualifiedNameHasTheHostAndTheWholePath() {
        assertEquals("git.kernel.org/pub.scm.linux.kernel.git.torvalds.linux",
                RepoUrl.parse("https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git").qualifiedName());
        assertEquals("gitlab.example.com_8443/a.b", RepoUrl.parse("https://GitLab.example.com:8443/a/b").qualifiedName());
        assertEquals("file/srv.owner.repo", RepoUrl.parse("file:///srv/owner/repo.git").qualifiedName());
    }

    @Test
    void credentialsNeverShowAndDoNotMakeADifferentRepository() {
        RepoUrl url = RepoUrl.parse("https://oauth2:glpat-secret@gitlab.com/owner/repo.git");
        assertEquals("https://gitlab.com/owner/repo.git", url.display());
        assertTrue(url.sameRepository("https://gitlab.com/owner/repo"));
        assertFalse(url.sameRepository("https://github.com/owner/repo"));
    }

    @Test
    void whatIsNotAGitUrlIsOneClearLine() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RepoUrl.parse("ftp://host/repo"))
                .getMessage().contains("not a git URL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RepoUrl.parse("https://host/"))
                .getMessage().contains("no repository path"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RepoUrl.parse("not a url"))
                .getMessage().contains("no spaces"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RepoUrl.parse("relative/path"))
                .getMessage().contains("not a git URL"));
    }

    @Test
    void gitGetsAnHttpsUrlWithoutItsCredentialsAndTheCredentialsDecoded() {
        RepoUrl url = RepoUrl.parse("https://oauth2:p%40ss%3Aw+rd@gitlab.example.com/owner/repo.git");
        assertEquals("https://gitlab.example.com/owner/repo.git", url.forGit());
        assertEquals(new RepoUrl.Credentials("oauth2", "p@ss:w+rd"), url.credentials().orElseThrow());
        assertFalse(url.credentials().orElseThrow().toString().contains("p@ss"));
        assertEquals(new RepoUrl.Credentials("TOKEN", ""),
                RepoUrl.parse("https://TOKEN@github.com/o/r").credentials().orElseThrow());
        RepoUrl ssh = RepoUrl.parse("ssh://git@host.example.com/owner/repo.git");
        assertEquals("ssh://git@host.example.com/owner/repo.git", ssh.forGit()); // a user name, not a secret
        assertTrue(ssh.credentials().isEmpty());
        assertTrue(RepoUrl.parse("https://host.example.com/o/r").credentials().isEmpty());
    }
}
