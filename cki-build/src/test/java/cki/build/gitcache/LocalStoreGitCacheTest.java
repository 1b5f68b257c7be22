package cki.build.gitcache;

import cki.lib.config.Environment;
import cki.lib.storage.ObjectStore;
import cki.lib.storage.ObjectStores;
import java.io.IOException;
import java.util.Map;

/** The git cache in a directory (file://), the default store. */
class LocalStoreGitCacheTest extends GitCacheContract {
    @Override
    ObjectStore openStore() throws IOException {
        return ObjectStores.open(temp.resolve("store").toUri().toString(), environment());
    }

    @Override
    Environment environment() {
        return new Environment(Map.of("CKI_HTTP_BASE_DELAY", "0.01", "CKI_HTTP_MAX_ATTEMPTS", "2"));
    }
}
