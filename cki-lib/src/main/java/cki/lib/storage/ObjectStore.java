package cki.lib.storage;

import cki.lib.json.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The shared store of artifacts, logs and git caches. A reader never sees half an object: a put
 * that fails or is interrupted leaves the previous object (or none) in place.
 */
public interface ObjectStore extends AutoCloseable {
    /** Where this store lives, as given by the user ({@code s3://bucket/prefix}, {@code file:///dir}). */
    String location();

    /** Stores a file under {@code key}. */
    void put(String key, Path file) throws IOException;

    /** Stores a stream under {@code key}; {@code length} is -1 when not known in advance. */
    void put(String key, InputStream content, long length) throws IOException;

    /** Copies the object to {@code file}, written atomically. */
    default void get(String key, Path file) throws IOException {
        try (InputStream in = open(key)) {
            AtomicFiles.write(file, in::transferTo);
        }
    }

    /** Streams the object; the caller closes the stream. */
    InputStream open(String key) throws IOException;

    /** Size and modification time of an object, if it exists. */
    Optional<ObjectInfo> stat(String key) throws IOException;

    default boolean exists(String key) throws IOException {
        return stat(key).isPresent();
    }

    /** Every object whose key starts with {@code prefix} ("" for all), sorted by key. */
    List<ObjectInfo> list(String prefix) throws IOException;

    /** Deletes an object; deleting a missing object is not an error. */
    void delete(String key) throws IOException;

    /**
     * Removes what uploads killed half-way left under the folder {@code prefix} (ending in "/") before
     * {@code before}: invisible to readers, but space. Returns what it removed. An S3 bucket's unfinished
     * multipart uploads are its lifecycle rule's job, so by default there is nothing to do.
     */
    default List<String> deleteAbandonedUploads(String prefix, java.time.Instant before) throws IOException {
        return List.of();
    }

    /** A URL by which people and later steps can read the object (logs, reports, KCIDB). */
    String publicUrl(String key);

    @Override
    default void close() {
    }
}
