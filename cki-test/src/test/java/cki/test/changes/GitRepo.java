package cki.test.changes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real git repository in a temp dir, for the change sources' tests. */
public final class GitRepo {
    public final Path dir;

    public GitRepo(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        git("init", "-q", "-b", "main");
    }

    public GitRepo write(String path, String content) {
        return writeBytes(path, content.getBytes(StandardCharsets.UTF_8));
    }

    GitRepo writeBytes(String path, byte[] content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return this;
    }

    /** Commits everything and returns the commit's hash. */
    public String commit(String message) {
        git("add", "-A");
        git("commit", "-q", "-m", message);
        return git("rev-parse", "HEAD").strip();
    }

    public String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=Test",
                "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A commit that renames one file (with a small edit), deletes one, adds one and changes a binary file. */
    static String[] history(GitRepo repo) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            body.append("line ").append(i).append('\n');
        }
        String base = repo.write("fs/ext4/inode.c", body.toString()).write("mm/slab.c", "slab\n")
                .write("Documentation/old.rst", "-- a line that starts like a diff header\n" + body)
                .writeBytes("firmware/blob.bin", new byte[] {0, 1, 2, 3, 0, (byte) 255})
                .commit("base");
        repo.write("fs/ext4/inode.c", body.toString().replace("line 3\n", "line three\n")).commit("ext4: fix");
        try {
            Files.move(repo.dir.resolve("Documentation/old.rst"), repo.dir.resolve("Documentation/new.rst"));
            Files.delete(repo.dir.resolve("mm/slab.c"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        repo.write("Documentation/new.rst", body.toString()).write("net/core/dev.c", "dev\n")
                .writeBytes("firmware/blob.bin", new byte[] {0, 1, 2, 9, 0, (byte) 254, 7});
        String head = repo.commit("rename docs, drop slab, add dev, new firmware");
        return new String[] {base, head};
    }
}
