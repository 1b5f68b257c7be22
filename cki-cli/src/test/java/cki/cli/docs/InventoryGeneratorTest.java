package cki.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.cli.pipeline.ProjectFiles;
import cki.lib.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryGeneratorTest {
    private static final Path DOCS = ProjectFiles.root().resolve("docs");

    @Test
    void theCommittedInventoryPageIsUpToDate() throws Exception {
        String rendered = InventoryGenerator.render(Inventory.load(DOCS.resolve("inventory")));
        assertEquals(rendered, Files.readString(DOCS.resolve("inventory.md")),
                "docs/inventory.md is stale: run mvn -B -o -q -pl cki-cli -am package -DskipTests");
    }

    @Test
    void everyComponentLinksAnExistingPage() throws Exception {
        for (Inventory.Component component : Inventory.load(DOCS.resolve("inventory"))) {
            assertTrue(Files.isRegularFile(DOCS.resolve(component.docs())),
                    component.file() + ": docs: no page docs/" + component.docs());
        }
    }

    @Test
    void theRenderedPageListsEveryKindAndOutsideSystem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), """
                name: nightly-thing
                kind: cronjob
                summary: Does a thing every night.
                runs: a schedule
                docs: thing.md
                inputs: [THING_URL]
                outputs: []
                dependencies:
                  - {name: Thing API, does: reads things}
                """);
        Files.writeString(dir.resolve("b.yaml"), """
                name: cki thing
                kind: cli
                summary: The thing command.
                runs: anywhere
                docs: thing.md
                inputs: []
                outputs: [thing.json]
                dependencies: [{name: Thing API, does: "writes things | carefully"}]
                """);
        String page = InventoryGenerator.render(Inventory.load(dir));
        assertTrue(page.contains("| [`nightly-thing`](#nightly-thing) | cronjob | a schedule | Does a thing every night. |"),
                page);
        assertTrue(page.contains("### `cki thing`"), page);
        assertTrue(page.contains("- **Outputs:** none"), page);
        assertTrue(page.contains("| Thing API | [`nightly-thing`](#nightly-thing): reads things<br>"
                + "[`cki thing`](#cki-thing): writes things \\| carefully |"), page);
        assertTrue(page.indexOf("## Cron jobs") < page.indexOf("## Commands"), page);
    }

    @Test
    void aComponentWithAnUnknownKindIsRejectedNamingFileAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: x\nkind: daemon\nsummary: s\nruns: r\ndocs: d.md\ninputs: []\noutputs: []\n"
                + "dependencies: []\n");
        UsageException e = assertThrows(UsageException.class, () -> Inventory.load(dir));
        assertEquals(file + ": kind: 'daemon' is not one of cli, cronjob, service, pipeline-job", e.getMessage());
    }

    @Test
    void aComponentWithoutInputsOrWithAStrayFieldIsRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: x\nkind: cli\nsummary: s\nruns: r\ndocs: d.md\noutputs: []\ndependencies: []\n");
        assertEquals(file + ": inputs: missing",
                assertThrows(UsageException.class, () -> Inventory.load(dir)).getMessage());
        Files.writeString(file, "name: x\nkind: cli\nsumary: s\n");
        assertTrue(assertThrows(UsageException.class, () -> Inventory.load(dir)).getMessage()
                .startsWith(file + ": sumary: unknown field"));
    }
}
