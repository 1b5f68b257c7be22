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

    /** Entries of a list of results a mail or a merge request note shows; the page and json show all. */
    static final int SHOWN = 25;

    /**
     * The report in {@code format}. A mail and a merge request note show the first {@link #SHOWN} entries
     * of each list of results (a kernel that breaks every test fails thousands) and fewer still when
     * that is larger than the format's {@link ReportFormat#budget}: mailing lists refuse larger mails
     * (vger.kernel.org takes 100,000 bytes) and GitLab larger notes (1,000,000 characters).
     */
    public static String render(Report report, ReportFormat format) {
        return render(report, format, format.budget());
    }

    static String render(Report report, ReportFormat format, int budget) {
        if (format == ReportFormat.json) {
            try {
                return Redaction.redact(Json.mapper().writeValueAsString(report)) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        Template template = template(format);
        if (budget == Integer.MAX_VALUE) {
            return render(template, report);
        }
        int shown = SHOWN;
        String rendered = render(template, report.shortened(shown));
        while (rendered.getBytes(StandardCharsets.UTF_8).length > budget && shown > 1) {
            shown = shown / 2;
            rendered = render(template, report.shortened(shown));
        }
        return rendered;
    }

    private static String render(Template template, Report report) {
        StringWriter out = new StringWriter();
        template.execute(report, Markdown.sections(), out);
        return Redaction.redact(out.toString()); // a report leaves the process: no credentials
    }

    /** The format's template file, compiled once for every attempt at its budget. */
    private static Template template(ReportFormat format) {
        // an empty value (a result without a duration) is no value: no "in " before nothing
        Mustache.Compiler compiler = Mustache.compiler().escapeHTML(format == ReportFormat.html)
                .defaultValue("").emptyStringIsFalse(true).standardsMode(false);
        if (format == ReportFormat.markdown) { // a merge request note: see Markdown for why
            compiler = compiler.withEscaper(Markdown::text);
        }
        String resource = "/cki/report/templates/" + format.template();
        try (InputStream in = ReportRenderer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template " + resource + " is missing from the jar");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return compiler.compile(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
