package cki.lib.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A store that passes every call to a real one; tests override the calls they want to change. */
public class ForwardingObjectStore implements ObjectStore {
    protected final ObjectStore real;

    public ForwardingObjectStore(ObjectStore real) {
        this.real = real;
    }

    @Override
    public String location() {
        return real.location();
    }

    @Override
    public void put(String key, Path file) throws IOException {
        real.put(key, file);
    }

    @Override
    public void put(String key, InputStream content, long length) throws IOException {
        real.put(key, content, length);
    }

    @Override
    public InputStream open(String key) throws IOException {
        return real.open(key);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        return real.stat(key);
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        return real.list(prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        real.delete(key);
    }

    @Override
    public List<String> deleteAbandonedUploads(String prefix, java.time.Instant before) throws IOException {
        return real.deleteAbandonedUploads(prefix, before);
    }

    @Override
    public String publicUrl(String key) {
        return real.publicUrl(key);
    }
}
