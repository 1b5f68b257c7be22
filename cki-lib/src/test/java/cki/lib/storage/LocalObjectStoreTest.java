package cki.lib.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

class LocalObjectStoreTest extends ObjectStoreContract {
    private Path root;

    @Override
    ObjectStore store() throws IOException {
        root = temp.resolve("store");
        return ObjectStores.open(root.toUri().toString());
    }

    @Override
    List<String> unfinishedUploads(ObjectStore store) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(LocalObjectStore.PART_SUFFIX))
                    .map(Path::toString).toList();
        }
    }
}
