package cki.lib.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate for side effects on shared systems (retrying a GitLab job, submitting to KCIDB or
 * Beaker, sending mail, writing to a production bucket). Outside production it logs
 * {@code would <action>} and does nothing.
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
     * Runs {@code action} in production; elsewhere logs "would {description}" at INFO and
     * returns {@code skipped}.
     */
    public <T> T perform(String description, Action<T> action, T skipped) throws Exception {
        if (!deployment.isProduction()) {
            LOG.info("would {} (deployment environment '{}' is not production)", description, deployment.name());
            return skipped;
        }
        LOG.info("{}", description);
        return action.run();
    }

    /** Convenience for actions without a result; returns whether the action ran. */
    public boolean perform(String description, Runnable action) {
        if (!deployment.isProduction()) {
            LOG.info("would {} (deployment environment '{}' is not production)", description, deployment.name());
            return false;
        }
        LOG.info("{}", description);
        action.run();
        return true;
    }
}
