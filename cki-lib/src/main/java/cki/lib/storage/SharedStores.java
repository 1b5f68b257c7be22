package cki.lib.storage;

import cki.lib.config.Environment;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Which object stores count as shared systems. Writing to a shared bucket is a side effect guarded by
 * the deployment environment (outside production: "would upload"). A directory ({@code file://}) and an
 * S3 server on this machine (a loopback {@code CKI_S3_ENDPOINT}, e.g. a developer's MinIO or the tests'
 * server) are nobody else's, so they are written everywhere.
 */
public final class SharedStores {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private SharedStores() {
    }

    /** True when writing to {@code store} changes a system other people use. */
    public static boolean isShared(ObjectStore store, Environment environment) {
        if (!store.location().startsWith("s3:")) {
            return false; // a directory on this machine
        }
        String endpoint = environment.get("CKI_S3_ENDPOINT").orElse(null);
        if (endpoint == null) {
            return true;
        }
        try {
            String host = URI.create(endpoint).getHost();
            return host == null || !(LOOPBACK.contains(host.toLowerCase(Locale.ROOT)) || host.startsWith("127."));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
