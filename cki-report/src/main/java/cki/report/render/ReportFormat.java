package cki.report.render;

/** The formats a report is rendered in. */
public enum ReportFormat {
    /** e-mail body; vger.kernel.org refuses mails over 100,000 bytes, headers included */
    text("report.txt.mustache", 90_000),
    /** GitLab merge request note; GitLab refuses notes over 1,000,000 characters */
    markdown("report.md.mustache", 900_000),
    /** standalone page: every result */
    html("report.html.mustache", Integer.MAX_VALUE),
    /** the computed summary, for other tools: every result */
    json(null, Integer.MAX_VALUE);

    private final String template;
    private final int budget;

    ReportFormat(String template, int budget) {
        this.template = template;
        this.budget = budget;
    }

    String template() {
        return template;
    }

    /** The most bytes (UTF-8) a report in this format may take where it is delivered. */
    int budget() {
        return budget;
    }
}
