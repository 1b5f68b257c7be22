package cki.report.render;

import cki.lib.cli.UsageException;
import cki.lib.config.Environment;
import cki.lib.config.SideEffectGuard;
import cki.lib.retry.RetrySettings;
import java.util.List;

/**
 * Delivers a report where it was asked to go: an e-mail to the given addresses plus the failed
 * tests' maintainers, and one note on a merge request. Both are side effects on shared systems,
 * so both go through the {@link SideEffectGuard}; their credentials are read only when they happen.
 */
public final class ReportDelivery {
    private final Environment environment;
    private final SideEffectGuard guard;

    public ReportDelivery(Environment environment, SideEffectGuard guard) {
        this.environment = environment;
        this.guard = guard;
    }

    /**
     * @param mailTo addresses asked for (may be empty: no mail unless maintainers are named)
     * @param mergeRequest the merge request to note on, or null
     */
    public void deliver(Report report, List<String> mailTo, MergeRequestNote.Target mergeRequest) throws Exception {
        RetrySettings retry = RetrySettings.fromEnvironment(environment);
        if (!mailTo.isEmpty()) {
            List<String> recipients = MailDelivery.recipients(mailTo, report);
            guard.perform("send e-mail \"" + report.subject() + "\" to " + String.join(", ", recipients), () -> {
                new MailDelivery(SmtpSettings.fromEnvironment(environment), retry).send(recipients, report.subject(),
                        ReportRenderer.render(report, ReportFormat.text), report.messageId());
                return null;
            }, null);
        }
        if (mergeRequest != null) {
            guard.perform("post or update the report note on " + mergeRequest.project() + "!" + mergeRequest.iid()
                    + " at " + mergeRequest.gitlabUrl(), () -> {
                        String token = environment.get("CKI_GITLAB_TOKEN").orElseThrow(() ->
                                new UsageException("CKI_GITLAB_TOKEN is not set: the token for --gitlab-mr"));
                        new MergeRequestNote(mergeRequest.gitlabUrl(), token, retry).publish(mergeRequest,
                                ReportRenderer.render(report, ReportFormat.markdown));
                        return null;
                    }, null);
        }
    }
}
