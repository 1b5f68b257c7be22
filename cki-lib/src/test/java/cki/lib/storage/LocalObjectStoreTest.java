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

    @org.junit.jupiter.api.Test
    void abandonedUploadsOlderThanTheCutOffAreDeletedAndNothingElse() throws IOException {
        try (ObjectStore store = store()) {
            store.put("repo/a.tar", new java.io.ByteArrayInputStream(new byte[3]), 3);
            Path old = Files.writeString(root.resolve("repo/.b.tar.1234" + LocalObjectStore.PART_SUFFIX), "half");
            Path fresh = Files.writeString(root.resolve("repo/.c.tar.5678" + LocalObjectStore.PART_SUFFIX), "half");
            java.time.Instant now = java.time.Instant.now();
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(now.minusSeconds(7200)));

            List<String> deleted = store.deleteAbandonedUploads("repo/", now.minusSeconds(3600));

            org.junit.jupiter.api.Assertions.assertEquals(List.of("repo/" + old.getFileName()), deleted);
            org.junit.jupiter.api.Assertions.assertTrue(Files.exists(fresh), "a young upload may still be running");
            org.junit.jupiter.api.Assertions.assertTrue(store.exists("repo/a.tar"));
        }
    }

    @org.junit.jupiter.api.Test
    void readingAStoreThatIsNotThereCreatesNothing() throws IOException {
        Path typo = temp.resolve("typo/x/y");
        try (ObjectStore store = ObjectStores.open(typo.toUri().toString())) {
            org.junit.jupiter.api.Assertions.assertThrows(ObjectNotFoundException.class,
                    () -> store.open("owner.repo.json").close());
            org.junit.jupiter.api.Assertions.assertEquals(List.of(), store.list("owner.repo/"));
            org.junit.jupiter.api.Assertions.assertEquals(List.of(), store.deleteAbandonedUploads("owner.repo/",
                    java.time.Instant.now()));
        }
        org.junit.jupiter.api.Assertions.assertFalse(Files.exists(temp.resolve("typo")));
    }
}
