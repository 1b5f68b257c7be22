package cki.report.render;

/** The formats a report is rendered in. */
public enum ReportFormat {
    /** e-mail body */
    text("report.txt.mustache"),
    /** GitLab merge request note */
    markdown("report.md.mustache"),
    /** standalone page */
    html("report.html.mustache"),
    /** the computed summary, for other tools */
    json(null);

    private final String template;

    ReportFormat(String template) {
        this.template = template;
    }

    String template() {
        return template;
    }
}
