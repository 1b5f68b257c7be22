package cki.report.render;

import cki.lib.config.Redaction;
import cki.lib.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Renders a {@link Report} with the format's template file (json: the model itself). */
public final class ReportRenderer {
    private ReportRenderer() {
    }

    public static String render(Report report, ReportFormat format) {
        if (format == ReportFormat.json) {
            try {
                return Redaction.redact(Json.mapper().writeValueAsString(report)) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        Mustache.Compiler compiler = Mustache.compiler().escapeHTML(format == ReportFormat.html)
                .defaultValue("").standardsMode(false);
        if (format == ReportFormat.markdown) { // a merge request note: see Markdown for why
            compiler = compiler.withEscaper(Markdown::text);
        }
        String resource = "/cki/report/templates/" + format.template();
        try (InputStream in = ReportRenderer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template " + resource + " is missing from the jar");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                Template template = compiler.compile(reader);
                StringWriter out = new StringWriter();
                template.execute(report, Markdown.sections(), out);
                return Redaction.redact(out.toString()); // a report leaves the process: no credentials
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
