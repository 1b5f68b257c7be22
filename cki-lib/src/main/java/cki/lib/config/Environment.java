package cki.lib.config;

import java.util.Map;
import java.util.Optional;

/**
 * The process environment as a value, so tests and embedded callers can pass their own
 * instead of mutating the real one.
 */
public final class Environment {
    private static volatile Environment system = new Environment(System.getenv());

    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The environment the process was started with (replaceable for in-process tests). */
    public static Environment system() {
        return system;
    }

    /** Replace the process-wide environment; for tests that run commands in-process. */
    public static void setSystem(Environment environment) {
        system = environment;
    }

    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public String getOrDefault(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public Map<String, String> asMap() {
        return variables;
    }

    public DeploymentEnvironment deployment() {
        return DeploymentEnvironment.from(this);
    }
}
