package cki.lib.progress;

import cki.lib.config.Environment;
import cki.lib.logging.LogLevel;
import cki.lib.logging.Logging;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of long work (downloads, uploads, builds, polling). On a terminal: one line redrawn in
 * place at most ten times a second. Elsewhere (CI logs): a status line every {@link #STATUS_INTERVAL}.
 * Silent with {@code --quiet}.
 */
public final class Progress implements AutoCloseable {
    public static final Duration STATUS_INTERVAL = Duration.ofSeconds(30);
    private static final long REDRAW_NANOS = 100_000_000L;

    /** What is being counted. */
    public enum Unit { BYTES, ITEMS }

    private final String label;
    private final long total;
    private final Unit unit;
    private final boolean terminal;
    private final PrintStream out;
    private final LongSupplier clock;
    private final long started;
    private final long intervalNanos;
    private long done;
    private long lastShown;
    private String status = "";
    private boolean drawn;

    Progress(String label, long total, Unit unit, boolean terminal, PrintStream out, LongSupplier clock,
            Duration interval) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.terminal = terminal;
        this.out = out;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastShown = started;
        this.intervalNanos = interval.toNanos();
    }

    /** Starts progress for work of {@code total} units (-1 when unknown). */
    public static Progress start(String label, long total, Unit unit) {
        return new Progress(label, total, unit, isTerminal(Environment.system()), Logging.sink(), System::nanoTime,
                STATUS_INTERVAL);
    }

    /** A terminal shows live progress; CI (or a redirected stderr) gets periodic lines. */
    public static boolean isTerminal(Environment environment) {
        String forced = environment.get("CKI_TERMINAL_PROGRESS").orElse("");
        if (!forced.isEmpty()) {
            return Boolean.parseBoolean(forced);
        }
        return System.console() != null && environment.get("CI").isEmpty();
    }

    public synchronized void advance(long amount) {
        done += amount;
        maybeShow(false);
    }

    public synchronized void set(long value) {
        done = value;
        maybeShow(false);
    }

    /** A word on what is happening now ("extracting", "Running 3/5"). */
    public synchronized void status(String text) {
        status = text;
        maybeShow(false);
    }

    public synchronized long done() {
        return done;
    }

    private boolean silent() {
        return Logging.level().ordinal() >= LogLevel.ERROR.ordinal();
    }

    private void maybeShow(boolean force) {
        if (silent()) {
            return;
        }
        long now = clock.getAsLong();
        long since = now - lastShown;
        if (force || (terminal && since >= REDRAW_NANOS) || (!terminal && since >= intervalNanos)) {
            lastShown = now;
            show(now);
        }
    }

    private void show(long now) {
        String line = render(now);
        if (terminal) {
            out.print("\r\033[K" + line);
            drawn = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    String render(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        StringBuilder text = new StringBuilder(label).append(": ").append(format(done));
        if (total >= 0) {
            text.append(" / ").append(format(total));
            if (total > 0) {
                text.append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, done * 100 / total)));
            }
        }
        if (unit == Unit.BYTES && done > 0) {
            text.append(", ").append(format((long) (done / seconds))).append("/s");
        }
        if (!status.isEmpty()) {
            text.append(", ").append(status);
        }
        text.append(String.format(Locale.ROOT, ", %ds", (long) seconds));
        return text.toString();
    }

    String format(long value) {
        if (unit == Unit.ITEMS) {
            return Long.toString(value);
        }
        return bytes(value);
    }

    /** Human-readable byte count, e.g. "12.3 MiB". */
    public static String bytes(long value) {
        if (value < 1024) {
            return value + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double scaled = value;
        int index = -1;
        while (scaled >= 1024 && index < units.length - 1) {
            scaled /= 1024;
            index++;
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[index]);
    }

    @Override
    public synchronized void close() {
        if (silent()) {
            return;
        }
        long now = clock.getAsLong();
        if (terminal) {
            if (drawn || now - started >= REDRAW_NANOS) {
                out.print("\r\033[K" + render(now) + System.lineSeparator());
                out.flush();
            }
        } else if (now - started >= intervalNanos) {
            out.println(render(now) + ", done");
            out.flush();
        }
    }
}
