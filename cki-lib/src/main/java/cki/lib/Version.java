package cki.lib;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The cki version, filtered into {@code cki/lib/version.properties} by the build. */
public final class Version {
    private static volatile String version;

    private Version() {
    }

    public static String get() {
        String current = version;
        if (current == null) {
            Properties properties = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown": a version string is never worth failing a command
            }
            current = properties.getProperty("version", "unknown");
            version = current;
        }
        return current;
    }
}
