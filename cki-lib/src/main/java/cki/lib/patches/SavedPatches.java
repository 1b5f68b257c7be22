package cki.lib.patches;

import cki.lib.cli.UsageException;
import cki.lib.files.Directories;
import cki.lib.json.Json;
import cki.lib.json.JsonInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The patches one job read, saved in a directory with where they came from, so that the jobs after it
 * use the same bytes without fetching them again: a Patchwork mbox can change between two fetches (a
 * Reviewed-by added) and every fetch is one more chance for the network to fail. The directory holds a
 * file per patch and {@value #INDEX}, which names each patch's source, KCIDB name and URL, file and
 * SHA-256; loading checks every file against its hash, so a damaged artifact is refused, not applied.
 */
public final class SavedPatches {
    public static final String INDEX = "patches.json";
    /** The files {@link #save} names: a number and a plain name, nothing that leads out of the directory. */
    private static final Pattern FILE = Pattern.compile("[0-9]{2,}-[A-Za-z0-9._-]+");

    private SavedPatches() {
    }

    /** Refuses a destination that holds something already: saved patches are never mixed with others. */
    public static void checkDestination(String option, Path dir) throws IOException {
        if (Files.exists(dir) && !(Files.isDirectory(dir) && Directories.isEmpty(dir))) {
            throw new UsageException(option + " " + dir + ": exists and is not an empty directory");
        }
    }

    /** Writes {@code patches} into {@code dir} whole or not at all (a temporary directory, then a rename). */
    public static void save(Path dir, List<Patch> patches) throws IOException {
        Path target = dir.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
        try {
            ArrayNode index = Json.mapper().createArrayNode();
            for (int i = 0; i < patches.size(); i++) {
                Patch patch = patches.get(i);
                String file = String.format("%02d-%s", i + 1, patch.name().replaceAll("[^A-Za-z0-9._-]", "_"));
                Files.write(temp.resolve(file), patch.content());
                ObjectNode entry = index.addObject().put("source", patch.shown()).put("name", patch.name());
                entry.put("url", patch.url()).put("file", file).put("sha256", patch.sha256());
            }
            ObjectNode root = Json.mapper().createObjectNode();
            root.set("patches", index);
            Files.writeString(temp.resolve(INDEX), Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(root) + "\n");
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty: checkDestination
            }
            Files.move(temp, target);
        } finally {
            Directories.deleteTree(temp);
        }
    }

    /** The patches saved in {@code dir}, in order, each checked against its SHA-256. */
    public static List<Patch> load(String option, Path dir) {
        Path indexFile = dir.resolve(INDEX);
        String where = option + " " + indexFile;
        JsonNode root;
        try {
            root = Json.mapper().readTree(indexFile.toFile());
        } catch (JsonProcessingException e) {
            throw new UsageException(where + ": " + JsonInput.problem(e));
        } catch (IOException e) {
            throw new UsageException(Files.exists(indexFile) ? where + ": cannot read it: " + e.getMessage()
                    : option + " " + dir + ": no " + INDEX + " (a directory cki git-cache apply --save-patches wrote)");
        }
        JsonNode entries = root == null ? null : root.get("patches");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw new UsageException(where + ": patches: a non-empty list is required");
        }
        List<Patch> patches = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String field = where + ": patches[" + i + "]";
            String file = text(entry, "file", field);
            if (!FILE.matcher(file).matches()) {
                throw new UsageException(field + ".file: '" + file + "' is not a file name in the directory");
            }
            if (Files.isSymbolicLink(dir.resolve(file))) {
                throw new UsageException(field + ".file: " + dir.resolve(file) + " is a symbolic link, not a saved patch");
            }
            byte[] content;
            try {
                content = Files.readAllBytes(dir.resolve(file));
            } catch (NoSuchFileException e) {
                throw new UsageException(field + ".file: no such file: " + dir.resolve(file));
            } catch (IOException e) {
                throw new UsageException(field + ".file: cannot read " + dir.resolve(file) + ": " + e.getMessage());
            }
            JsonNode url = entry.get("url");
            Patch patch = new Patch(text(entry, "source", field), text(entry, "name", field),
                    url == null || url.isNull() ? null : url.asText(), content);
            if (!patch.sha256().equals(text(entry, "sha256", field))) {
                throw new UsageException(field + ": " + dir.resolve(file) + " is not the patch that was saved "
                        + "(its SHA-256 differs)");
            }
            patches.add(patch);
        }
        return patches;
    }

    private static String text(JsonNode entry, String name, String field) {
        JsonNode value = entry == null ? null : entry.get(name);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new UsageException(field + "." + name + ": a non-empty string is required");
        }
        return value.asText();
    }
}
