package cki.lib.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every object store must do; run against each implementation by a subclass. */
abstract class ObjectStoreContract {
    @TempDir
    Path temp;

    /** A fresh, empty store for one test. */
    abstract ObjectStore store() throws IOException;

    /** Keys of unfinished uploads the store still holds (multipart uploads, temp files). */
    abstract List<String> unfinishedUploads(ObjectStore store) throws IOException;

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    @Test
    void putThenGetRoundTripsAFileAndAStream() throws Exception {
        try (ObjectStore store = store()) {
            Path file = Files.writeString(temp.resolve("in.txt"), "hello kernel");
            store.put("logs/build.log", file);
            store.put("logs/stream.log", new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)), -1);

            Path out = temp.resolve("out/build.log");
            store.get("logs/build.log", out);
            assertEquals("hello kernel", Files.readString(out));
            try (InputStream in = store.open("logs/stream.log")) {
                assertEquals("streamed", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(12, store.stat("logs/build.log").orElseThrow().size());
        }
    }

    @Test
    void missingObjectsAreReportedAsMissing() throws Exception {
        try (ObjectStore store = store()) {
            assertFalse(store.exists("nope.tar"));
            assertTrue(store.stat("nope.tar").isEmpty());
            assertThrows(ObjectNotFoundException.class, () -> store.open("nope.tar").close());
            assertThrows(ObjectNotFoundException.class, () -> store.get("nope.tar", temp.resolve("x")));
            assertFalse(Files.exists(temp.resolve("x")), "a failed get leaves no file behind");
            store.delete("nope.tar"); // deleting a missing object is fine
        }
    }

    @Test
    void listReturnsKeysUnderAPrefixSortedAndDeleteRemoves() throws Exception {
        try (ObjectStore store = store()) {
            for (String key : List.of("b/2.txt", "a/1.txt", "a/0.txt", "c.txt")) {
                store.put(key, new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)), -1);
            }
            assertEquals(List.of("a/0.txt", "a/1.txt"), store.list("a/").stream().map(ObjectInfo::key).toList());
            assertEquals(4, store.list("").size());
            store.delete("a/0.txt");
            assertEquals(List.of("a/1.txt"), store.list("a/").stream().map(ObjectInfo::key).toList());
        }
    }

    @Test
    void invalidKeysAreRejected() throws Exception {
        try (ObjectStore store = store()) {
            for (String key : List.of("", "/abs", "a/../b", "trailing/", "a//b")) {
                assertThrows(IllegalArgumentException.class,
                        () -> store.put(key, new ByteArrayInputStream(new byte[1]), 1), key);
            }
        }
    }

    @Test
    void largeFileSurvivesTheRoundTrip() throws Exception {
        byte[] content = randomBytes(S3ObjectStore.DEFAULT_PART_SIZE * 2 + 12345, 7);
        Path file = Files.write(temp.resolve("big.tar"), content);
        try (ObjectStore store = store()) {
            store.put("big.tar", file);
            store.put("big-stream.tar", new ByteArrayInputStream(content), -1);
            for (String key : List.of("big.tar", "big-stream.tar")) {
                Path out = temp.resolve(key + ".out");
                store.get(key, out);
                assertArrayEquals(sha256(content), sha256(Files.readAllBytes(out)), key);
            }
            assertTrue(unfinishedUploads(store).isEmpty());
        }
    }

    @Test
    void concurrentWritersOfOneKeyLeaveOneCompleteObject() throws Exception {
        int writers = 4;
        int size = S3ObjectStore.DEFAULT_PART_SIZE + 1000;
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            contents.add(randomBytes(size, i));
        }
        try (ObjectStore store = store()) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<Void>> futures = new ArrayList<>();
                for (byte[] content : contents) {
                    Callable<Void> put = () -> {
                        store.put("shared.tar", new ByteArrayInputStream(content), content.length);
                        return null;
                    };
                    futures.add(pool.submit(put));
                }
                for (Future<Void> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdown();
            }
            byte[] stored;
            try (InputStream in = store.open("shared.tar")) {
                stored = in.readAllBytes();
            }
            byte[] digest = sha256(stored);
            boolean matchesOne = false;
            for (byte[] content : contents) {
                matchesOne |= MessageDigest.isEqual(digest, sha256(content));
            }
            assertTrue(matchesOne, "the object is exactly one writer's content, not a mix");
            assertTrue(unfinishedUploads(store).isEmpty());
        }
    }

    @Test
    void interruptedUploadLeavesNoObjectAndKeepsThePreviousOne() throws Exception {
        try (ObjectStore store = store()) {
            store.put("cache.tar", new ByteArrayInputStream("previous".getBytes(StandardCharsets.UTF_8)), -1);
            for (int failAt : new int[] {1000, S3ObjectStore.DEFAULT_PART_SIZE + 1000}) {
                InputStream failing = new FailingInputStream(randomBytes(failAt * 2, failAt), failAt);
                assertThrows(IOException.class, () -> store.put("cache.tar", failing, -1));
                assertThrows(IOException.class, () -> store.put("new.tar",
                        new FailingInputStream(randomBytes(failAt * 2, 1), failAt), -1));
            }
            try (InputStream in = store.open("cache.tar")) {
                assertEquals("previous", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertFalse(store.exists("new.tar"));
            assertEquals(List.of("cache.tar"), store.list("").stream().map(ObjectInfo::key).toList());
            assertTrue(unfinishedUploads(store).isEmpty(), "no unfinished upload is left behind");
        }
    }

    @Test
    void shortStreamForADeclaredLengthIsRejected() throws Exception {
        try (ObjectStore store = store()) {
            assertThrows(IOException.class, () -> store.put("short.txt", new ByteArrayInputStream(new byte[10]), 20));
            assertFalse(store.exists("short.txt"));
        }
    }

    /** A stream that breaks after {@code failAt} bytes, like a killed producer or a dropped socket. */
    static final class FailingInputStream extends InputStream {
        private final ByteArrayInputStream delegate;
        private final int failAt;
        private int read;

        FailingInputStream(byte[] content, int failAt) {
            this.delegate = new ByteArrayInputStream(content);
            this.failAt = failAt;
        }

        @Override
        public int read() throws IOException {
            if (read >= failAt) {
                throw new IOException("producer died");
            }
            read++;
            return delegate.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (read >= failAt) {
                throw new IOException("producer died");
            }
            int n = delegate.read(buffer, offset, Math.min(length, failAt - read));
            read += Math.max(0, n);
            return n;
        }
    }
}
