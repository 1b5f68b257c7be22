package cki.build.gitcache;

import cki.lib.cli.UsageException;
import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repositories a cron job keeps cached, from YAML:
 * <pre>
 * - url: https://gitlab.com/cki-project/kernel-ark.git
 * - url: https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git
 *   name: stable.linux
 * </pre>
 */
public final class RepoList {
    private static final Logger LOG = LoggerFactory.getLogger("cki.build.gitcache");
    private static final Set<String> FIELDS = Set.of("url", "name");
    /** A store key segment path: what a name may be (a / makes a folder). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    private RepoList() {
    }

    /** @throws UsageException naming the file, entry and field at fault */
    public static List<RepoSpec> read(Path file) {
        List<RepoSpec> repos = new ArrayList<>();
        for (DataNode entry : DataFiles.readItems("--repos", file)) {
            entry.onlyKeys(FIELDS);
            String url = entry.text("url");
            String name = entry.optionalText("name");
            try {
                RepoUrl.parse(url);
            } catch (IllegalArgumentException e) {
                throw entry.fail("url", e.getMessage().replaceFirst("^--repo ", ""));
            }
            repos.add(new RepoSpec(url, checkName(name, entry.location() + ".name")));
        }
        return repos;
    }

    /**
     * The repositories with each one once: a later entry naming a repository already listed (URLs
     * compared as {@link RepoUrl#sameRepository}) is dropped unless both give different explicit
     * cache names; an explicit name wins over none.
     */
    public static List<RepoSpec> distinct(List<RepoSpec> repos) {
        List<RepoSpec> distinct = new ArrayList<>();
        next:
        for (RepoSpec repo : repos) {
            for (int i = 0; i < distinct.size(); i++) {
                RepoSpec seen = distinct.get(i);
                if (!sameRepository(seen.url(), repo.url())) {
                    continue;
                }
                if (seen.name() == null || repo.name() == null || seen.name().equals(repo.name())) {
                    if (seen.name() == null && repo.name() != null) {
                        distinct.set(i, repo);
                    }
                    LOG.info("{} is listed more than once; updating it once", RepoUrl.redact(repo.url()));
                    continue next;
                }
            }
            distinct.add(repo);
        }
        return distinct;
    }

    private static boolean sameRepository(String a, String b) {
        try {
            return RepoUrl.parse(a).sameRepository(b);
        } catch (IllegalArgumentException e) {
            return a.equals(b);
        }
    }

    /** @throws UsageException when {@code name} cannot be a cache name */
    public static String checkName(String name, String what) {
        if (name != null && (!NAME.matcher(name).matches() || name.contains(".."))) {
            throw new UsageException(what + ": '" + name + "' is not a cache name (letters, digits, '.', '_', '-', '/')");
        }
        return name;
    }
}
