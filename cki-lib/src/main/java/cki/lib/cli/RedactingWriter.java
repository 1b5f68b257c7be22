package cki.lib.cli;

import cki.lib.config.Redaction;
import java.io.IOException;
import java.io.Writer;

/**
 * What a command prints on stdout, line by line through {@link Redaction#redact}: a token in a URL
 * a user gave (--url https://bot:TOKEN@host) is masked there as it is in the log, whichever command
 * prints it.
 */
final class RedactingWriter extends Writer {
    private final Writer out;
    private final StringBuilder line = new StringBuilder();

    RedactingWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            line.append(chars[i]);
            if (chars[i] == '\n') {
                emit();
            }
        }
    }

    private void emit() throws IOException {
        out.write(Redaction.redact(line.toString()));
        line.setLength(0);
    }

    @Override
    public void flush() throws IOException {
        if (line.length() > 0) {
            emit();
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
