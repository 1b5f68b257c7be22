package cki.lib.config;

/**
 * Where a command runs, from {@code CKI_DEPLOYMENT_ENVIRONMENT}: unset means "development",
 * "production" is the only value that allows side effects on shared systems.
 */
public record DeploymentEnvironment(String name) {
    public static final String VARIABLE = "CKI_DEPLOYMENT_ENVIRONMENT";
    public static final String PRODUCTION = "production";
    public static final String DEVELOPMENT = "development";

    public static DeploymentEnvironment from(Environment environment) {
        return new DeploymentEnvironment(environment.getOrDefault(VARIABLE, DEVELOPMENT).trim());
    }

    public static DeploymentEnvironment current() {
        return from(Environment.system());
    }

    public boolean isProduction() {
        return PRODUCTION.equals(name);
    }
}
