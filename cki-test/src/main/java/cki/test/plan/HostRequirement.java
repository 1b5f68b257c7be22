package cki.test.plan;

/** One Beaker {@code <hostRequires>} condition, e.g. {@code memory >= 4096}. */
public record HostRequirement(String name, String op, String value) {
}
