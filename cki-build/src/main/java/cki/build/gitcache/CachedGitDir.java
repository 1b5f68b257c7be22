package cki.build.gitcache;

import cki.lib.json.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * What of a git directory a cache tarball carries: objects and refs, which git only reads as data.
 * Anyone who can write the bucket can write a tarball, so nothing that makes git run a program
 * travels: no {@code hooks/} (a post-checkout hook would run on every checkout), no {@code config}
 * (core.fsmonitor, core.sshCommand, filter drivers and credential helpers are commands), no
 * alternates (they would read objects from any path on the machine). The config is written afresh
 * after every restore, with only the remote.
 */
final class CachedGitDir {
    private static final Set<String> DATA = Set.of("HEAD", "packed-refs", "shallow", "objects", "refs");
    /** Under objects/: files that point git at other object directories, on this machine or a server. */
    private static final Set<String> POINTERS = Set.of("objects/info/alternates", "objects/info/http-alternates");
    /** What git itself puts in a mirror besides data; ignored without a warning. */
    private static final Set<String> STOCK = Set.of("config", "description", "FETCH_HEAD", "info", "hooks",
            "branches", "logs");

    private CachedGitDir() {
    }

    /** Whether a tarball entry (a path relative to the git directory) is restored and published. */
    static boolean isData(String entry) {
        String path = normalized(entry);
        int slash = path.indexOf('/');
        String top = slash < 0 ? path : path.substring(0, slash);
        return DATA.contains(top) && !POINTERS.contains(path);
    }

    /**
     * Whether an entry that is not data is one git writes into every repository (older cki versions
     * published them); anything else in a tarball is worth a warning: someone put it there.
     */
    static boolean isStock(String entry) {
        String path = normalized(entry);
        if (path.startsWith("hooks/")) {
            return path.endsWith(".sample") && path.indexOf('/', "hooks/".length()) < 0;
        }
        int slash = path.indexOf('/');
        return STOCK.contains(slash < 0 ? path : path.substring(0, slash));
    }

    private static String normalized(String entry) {
        String path = entry;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** How the restored repository is used. */
    enum Use {
        /** a work tree's .git: branches fetched into refs/remotes/origin */
        CHECKOUT,
        /** the updater's bare mirror: every ref fetched as it is */
        MIRROR
    }

    /**
     * Writes {@code gitDir/config} afresh: the repository format, the origin (a URL without
     * credentials; they reach git through its environment) and its refspec. Nothing else.
     */
    static void writeConfig(Path gitDir, Use use, String url) throws IOException {
        StringBuilder config = new StringBuilder()
                .append("[core]\n")
                .append("\trepositoryformatversion = 0\n")
                .append("\tfilemode = true\n")
                .append("\tbare = ").append(use == Use.MIRROR).append('\n');
        if (use == Use.CHECKOUT) {
            config.append("\tlogallrefupdates = true\n");
        }
        config.append("[remote \"origin\"]\n")
                .append("\turl = ").append(quoted(url)).append('\n');
        if (use == Use.MIRROR) {
            config.append("\tfetch = +refs/*:refs/*\n").append("\tmirror = true\n");
        } else {
            config.append("\tfetch = +refs/heads/*:refs/remotes/origin/*\n");
        }
        AtomicFiles.writeString(gitDir.resolve("config"), config.toString());
    }

    /** A git config value in double quotes: backslash and quote escaped, no line breaks possible. */
    static String quoted(String value) {
        if (value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw new IllegalArgumentException("a git config value cannot hold a line break: " + RepoUrl.redact(value));
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
