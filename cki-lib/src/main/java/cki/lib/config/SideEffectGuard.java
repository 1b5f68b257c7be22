package cki.lib.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate for side effects on shared systems (retrying a GitLab job, submitting to KCIDB or
 * Beaker, sending mail, writing to a production bucket). Outside production it logs
 * {@code would <action>} and does nothing. Callers ask it ({@link #allows}, {@link #perform}) and
 * never decide or word that themselves.
 */
public final class SideEffectGuard {
    private static final Logger LOG = LoggerFactory.getLogger("cki.lib.guard");

    /** An action with a side effect on a shared system. */
    @FunctionalInterface
    public interface Action<T> {
        T run() throws Exception;
    }

    private final DeploymentEnvironment deployment;

    public SideEffectGuard(DeploymentEnvironment deployment) {
        this.deployment = deployment;
    }

    public static SideEffectGuard current() {
        return new SideEffectGuard(DeploymentEnvironment.current());
    }

    public boolean isProduction() {
        return deployment.isProduction();
    }

    public DeploymentEnvironment deployment() {
        return deployment;
    }

    /**
     * Whether the side effect {@code description} names may happen now. In production: yes, and it
     * is logged (INFO). Elsewhere: no, and "would {description}" is logged as a WARN, so that it shows
     * with the default log level: the one line that tells a user why nothing was sent.
     */
    public boolean allows(String description) {
        if (!deployment.isProduction()) {
            LOG.warn("would {} (not production: CKI_DEPLOYMENT_ENVIRONMENT is '{}')", description, deployment.name());
            return false;
        }
        LOG.info("{}", description);
        return true;
    }

    /** Runs {@code action} when {@link #allows} it; otherwise returns {@code skipped}. */
    public <T> T perform(String description, Action<T> action, T skipped) throws Exception {
        return allows(description) ? action.run() : skipped;
    }

    /** Convenience for actions without a result; returns whether the action ran. */
    public boolean perform(String description, Runnable action) {
        if (!allows(description)) {
            return false;
        }
        action.run();
        return true;
    }
}
