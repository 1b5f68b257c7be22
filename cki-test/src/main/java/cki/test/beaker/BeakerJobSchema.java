package cki.test.beaker;

import cki.lib.cli.UsageException;
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.IncorrectSchemaException;
import com.thaiopensource.validate.Schema;
import com.thaiopensource.validate.SchemaReader;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.Validator;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import com.thaiopensource.validate.rng.SAXSchemaReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * A RELAX NG grammar Beaker job XML is checked against (with Jing) before anything is written or
 * submitted: cki's own {@link #builtIn() job.rnc} in the jar, which every job must pass, or a file given
 * with {@code --job-schema} (such as Beaker's beaker-job.rng), which a job must pass as well.
 */
public final class BeakerJobSchema {
    static final String BUILT_IN = "cki/test/beaker/job.rnc";

    private final String description;
    private final InputSource source;
    private final SchemaReader reader;
    private Schema compiled;

    private BeakerJobSchema(String description, InputSource source, SchemaReader reader) {
        this.description = description;
        this.source = source;
        this.reader = reader;
    }

    /** cki's own grammar of the job XML it renders, shipped in the jar. */
    public static BeakerJobSchema builtIn() {
        URL resource = BeakerJobSchema.class.getClassLoader().getResource(BUILT_IN);
        if (resource == null) {
            throw new IllegalStateException("missing resource " + BUILT_IN);
        }
        return new BeakerJobSchema("cki's Beaker job grammar (" + BUILT_IN + ")", new InputSource(resource.toString()),
                CompactSchemaReader.getInstance());
    }

    /** {@code --job-schema FILE}: RELAX NG in XML syntax, or compact syntax when the name ends in .rnc. */
    public static BeakerJobSchema file(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--job-schema: no such file: " + file);
        }
        return new BeakerJobSchema(file.toString(), ValidationDriver.fileInputSource(file.toFile()),
                file.getFileName().toString().endsWith(".rnc") ? CompactSchemaReader.getInstance()
                        : SAXSchemaReader.getInstance());
    }

    /** What error messages call this grammar. */
    public String description() {
        return description;
    }

    /** Every violation as "line L, column C: message"; empty when the job is valid. */
    public List<String> validate(String jobXml) {
        List<String> errors = new ArrayList<>();
        ErrorCollector collector = new ErrorCollector(errors);
        PropertyMapBuilder properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, collector);
        Validator validator = compiled().createValidator(properties.toPropertyMap());
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            // a job is one document: no DTD, so no entity can make the parser read a file or a URL
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            XMLReader parser = factory.newSAXParser().getXMLReader();
            parser.setContentHandler(validator.getContentHandler());
            parser.setErrorHandler(collector);
            parser.parse(new InputSource(new StringReader(jobXml)));
        } catch (SAXParseException e) {
            if (errors.isEmpty()) {
                collector.error(e);
            }
        } catch (SAXException | IOException | ParserConfigurationException e) {
            errors.add(e.getMessage());
        }
        return errors;
    }

    /** The grammar, read and compiled once (the check runs for every job and every resubmission). */
    private synchronized Schema compiled() {
        if (compiled == null) {
            List<String> errors = new ArrayList<>();
            PropertyMapBuilder properties = new PropertyMapBuilder();
            properties.put(ValidateProperty.ERROR_HANDLER, new ErrorCollector(errors));
            try {
                compiled = reader.createSchema(source, properties.toPropertyMap());
            } catch (IncorrectSchemaException | SAXException | IOException e) {
                throw new UsageException(description + ": not a usable RELAX NG schema: "
                        + (errors.isEmpty() ? e.getMessage() : errors.get(0)));
            }
        }
        return compiled;
    }

    /** Collects errors as "line L, column C: message"; warnings do not make a job invalid. */
    private record ErrorCollector(List<String> errors) implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
            // not an error
        }

        @Override
        public void error(SAXParseException e) {
            errors.add("line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) {
            error(e);
        }
    }
}
