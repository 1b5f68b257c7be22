package cki.build.gitcache;

/**
 * One repository to cache.
 *
 * @param url the git URL
 * @param name the cache name to use instead of the one derived from the URL, or null
 */
public record RepoSpec(String url, String name) {
}
