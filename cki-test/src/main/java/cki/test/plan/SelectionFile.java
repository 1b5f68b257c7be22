package cki.test.plan;

import cki.lib.json.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code selection.json} beside a test step's {@code tests.json}: what {@code cki test plan --format json}
 * prints for the run (the changed files, why each test ran, what was left out), so the report can
 * say which tests the change triggered and how many it left out.
 */
public final class SelectionFile {
    public static final String FILE_NAME = "selection.json";
    /** The KCIDB {@code misc} key saying why a test ran. */
    public static final String SELECTED_BY = "selected_by";

    private SelectionFile() {
    }

    public static Path write(Path outputDir, PlanSelection selection) throws IOException {
        Path file = outputDir.resolve(FILE_NAME);
        AtomicFiles.writeJson(file, PlanText.json(selection));
        return file;
    }
}
