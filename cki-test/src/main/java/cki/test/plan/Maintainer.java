package cki.test.plan;

/** Who to tell about a test's results; goes into the KCIDB test's {@code misc.maintainers}. */
public record Maintainer(String name, String email) {
}
