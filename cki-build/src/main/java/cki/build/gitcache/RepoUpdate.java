package cki.build.gitcache;

import cki.lib.json.Json;
import cki.lib.progress.Progress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * What updating one repository's cache did.
 *
 * @param name the cache name (null when the URL could not even be parsed)
 * @param url the URL without credentials
 * @param status "updated", "unchanged" (refs as in the cache: nothing uploaded), "dry-run" (a shared
 *     store outside production: nothing uploaded) or "failed"
 * @param base "cache" when the previous tarball was restored, "clone" when cloned afresh
 * @param seconds how long it took
 * @param size the tarball's size in bytes (0 when failed)
 * @param sha256 the tarball's SHA-256 (null when failed)
 * @param tarball the tarball's key (null when failed or not uploaded)
 * @param refs how many refs the mirror has
 * @param error why it failed (null when it did not)
 */
public record RepoUpdate(String name, String url, String status, String base, double seconds, long size,
        String sha256, String tarball, int refs, String error) {

    public boolean ok() {
        return !"failed".equals(status);
    }

    static RepoUpdate failed(String name, String url, double seconds, String error) {
        return new RepoUpdate(name, url, "failed", null, seconds, 0, null, null, 0, error);
    }

    /** One line for the cron job's log. */
    public String line() {
        if (!ok()) {
            return String.format(Locale.ROOT, "FAILED    %s %s (%.1f s): %s", name == null ? "-" : name, url, seconds,
                    error);
        }
        return String.format(Locale.ROOT, "%-9s %s %s: %s, %d refs, from %s, %.1f s", status, name, url,
                Progress.bytes(size), refs, base, seconds);
    }

    ObjectNode json() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("name", name);
        json.put("url", url);
        json.put("status", status);
        json.put("ok", ok());
        json.put("base", base);
        json.put("seconds", Math.round(seconds * 1000) / 1000.0);
        json.put("size", size);
        json.put("sha256", sha256);
        json.put("tarball", tarball);
        json.put("refs", refs);
        json.put("error", error);
        return json;
    }
}
