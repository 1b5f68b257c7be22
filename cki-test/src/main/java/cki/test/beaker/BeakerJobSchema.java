package cki.test.beaker;

import cki.lib.cli.UsageException;
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Beaker's RELAX NG job schema (beaker-job.rng), checked with Jing before any job is sent. Beaker's
 * schema is not copied into cki: it is read from {@code --job-schema} or the shared schemas directory.
 */
public final class BeakerJobSchema {
    private final Path file;

    private BeakerJobSchema(Path file) {
        this.file = file;
    }

    /** The schema at {@code file}, or found next to the project (shared/schemas/beaker) when null. */
    public static BeakerJobSchema locate(Path file) {
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("--job-schema: no such file: " + file);
            }
            return new BeakerJobSchema(file);
        }
        List<Path> candidates = new ArrayList<>();
        String shared = System.getProperty("cki.shared.dir");
        if (shared != null) {
            candidates.add(Path.of(shared, "schemas/beaker/beaker-job.rng"));
        }
        candidates.add(Path.of("../shared/schemas/beaker/beaker-job.rng"));
        candidates.add(Path.of("shared/schemas/beaker/beaker-job.rng"));
        return candidates.stream().filter(Files::isRegularFile).findFirst().map(BeakerJobSchema::new)
                .orElseThrow(() -> new UsageException("--job-schema: Beaker's beaker-job.rng not found in "
                        + candidates + "; pass --job-schema FILE (CKI_BEAKER_JOB_SCHEMA)"));
    }

    public Path file() {
        return file;
    }

    /** Every schema violation as "line L, column C: message"; empty when the job is valid. */
    public List<String> validate(String jobXml) {
        List<String> errors = new ArrayList<>();
        ErrorHandler collector = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not make a job invalid
            }

            @Override
            public void error(SAXParseException e) {
                errors.add("line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        };
        PropertyMapBuilder properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, collector);
        ValidationDriver driver = new ValidationDriver(properties.toPropertyMap());
        try {
            if (!driver.loadSchema(ValidationDriver.fileInputSource(file.toFile()))) {
                throw new UsageException("--job-schema: " + file + " is not a usable RELAX NG schema: " + errors);
            }
            errors.clear();
            driver.validate(new InputSource(new StringReader(jobXml)));
        } catch (SAXException | IOException e) {
            errors.add(e.getMessage());
        }
        return errors;
    }
}
