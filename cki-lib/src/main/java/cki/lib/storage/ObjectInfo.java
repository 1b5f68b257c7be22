package cki.lib.storage;

import java.time.Instant;

/** What a store knows about one object. */
public record ObjectInfo(String key, long size, Instant lastModified) {
}
