package cki.lib.storage;

import cki.lib.json.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A directory as an object store (the embedded default). Objects are written to a hidden temp file
 * beside their final name and renamed into place, so readers never see half a file.
 */
public final class LocalObjectStore implements ObjectStore {
    static final String PART_SUFFIX = ".part";

    private final Path root;

    /** The directory is made by the first write: a read of a mistyped store creates nothing. */
    public LocalObjectStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
            throw new IOException("the store " + location() + " is not a directory");
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toUri().toString();
    }

    private Path pathOf(String key) {
        return root.resolve(ObjectKeys.check(key));
    }

    @Override
    public void put(String key, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            put(key, in, Files.size(file));
        }
    }

    @Override
    public void put(String key, InputStream content, long length) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + PART_SUFFIX);
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                long copied = content.transferTo(out);
                if (length >= 0 && copied != length) {
                    throw new IOException("short upload of '" + key + "': expected " + length + " bytes, got " + copied);
                }
            }
            AtomicFiles.move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A killed put leaves its hidden temp file ({@code .<name>.<uuid>.part}) beside the object. */
    @Override
    public List<String> deleteAbandonedUploads(String prefix, Instant before) throws IOException {
        Path dir = root.resolve(ObjectKeys.checkPrefix(prefix));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> deleted = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(PART_SUFFIX)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    Files.deleteIfExists(file);
                    deleted.add(root.relativize(file).toString());
                }
            }
        }
        return deleted;
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return Files.newInputStream(pathOf(key));
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(location(), key);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        Path path = pathOf(key);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return Optional.of(new ObjectInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        String checked = ObjectKeys.checkPrefix(prefix);
        List<ObjectInfo> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(PART_SUFFIX)) {
                    return FileVisitResult.CONTINUE;
                }
                String key = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (key.startsWith(checked) && attributes.isRegularFile()) {
                    found.add(new ObjectInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(ObjectInfo::key));
        return found;
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(pathOf(key));
    }

    @Override
    public String publicUrl(String key) {
        return pathOf(key).toUri().toString();
    }

}
