package cki.lib.config;

import cki.lib.cli.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * A secret kept in the file the variable {@code fileVariable} names (a mounted Kubernetes or Docker
     * secret), without its surrounding white space; empty when the variable is not set. An unreadable or
     * empty file is bad input.
     */
    public Optional<String> fileSecret(String fileVariable) {
        Optional<String> file = get(fileVariable);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String value;
        try {
            value = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UsageException(fileVariable + ": cannot read " + file.get() + ": " + e.getMessage());
        }
        if (value.isEmpty()) {
            throw new UsageException(fileVariable + ": " + file.get() + " is empty");
        }
        return Optional.of(value);
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
