package cki.lib.config;

/** One documented environment variable: what it does, its default, and whether it is a secret. */
public record Setting(String name, String description, String defaultValue, boolean secret) {
}
