package cki.build.kernel;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * ccache hits and misses of this build alone: ccache appends one result per compilation to the file
 * named by {@code CCACHE_STATSLOG}, so other builds sharing the cache do not disturb the count.
 */
record CcacheStats(long hits, long misses, long uncacheable) {

    static CcacheStats read(Path statsLog) throws IOException {
        if (!Files.isRegularFile(statsLog)) {
            return new CcacheStats(0, 0, 0);
        }
        List<String> lines = Files.readAllLines(statsLog);
        long hits = lines.stream().filter(l -> l.equals("direct_cache_hit") || l.equals("preprocessed_cache_hit"))
                .count();
        long misses = lines.stream().filter(l -> l.equals("cache_miss")).count();
        long calls = lines.stream().filter(l -> l.startsWith("# ")).count();
        return new CcacheStats(hits, misses, Math.max(0, calls - hits - misses));
    }

    ObjectNode json() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("hits", hits);
        node.put("misses", misses);
        node.put("uncacheable", uncacheable);
        long cacheable = hits + misses;
        node.put("hit_rate", cacheable == 0 ? 0.0 : Math.round(1000.0 * hits / cacheable) / 1000.0);
        return node;
    }
}
