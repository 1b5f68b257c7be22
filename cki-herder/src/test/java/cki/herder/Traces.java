package cki.herder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test trace fixtures under {@code src/test/resources/cki/herder/traces}. */
public final class Traces {
    private Traces() {
    }

    public static InputStream open(String name) {
        InputStream in = Traces.class.getClassLoader().getResourceAsStream("cki/herder/traces/" + name + ".log");
        if (in == null) {
            throw new UncheckedIOException(new IOException("no trace fixture " + name));
        }
        return in;
    }

    public static String text(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
