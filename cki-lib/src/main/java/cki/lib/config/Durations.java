package cki.lib.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a duration is written anywhere in cki: variables, options and data files alike.
 * Plain seconds ({@code 90}, {@code 0.5}), units ({@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}) and
 * their sums ({@code 1h30m}), or ISO-8601 ({@code PT5M}).
 */
public final class Durations {
    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern UNITS = Pattern.compile("(?:\\d+[dhms])+");
    private static final Pattern UNIT = Pattern.compile("(\\d+)([dhms])");
    private static final String FORMS = "use seconds, 30s/5m/2h/1d, 1h30m or ISO-8601 such as PT5M";

    private Durations() {
    }

    /**
     * @param where what the value came from, for the error (a variable, an option, {@code FILE: field})
     * @throws IllegalArgumentException (exit 2) naming {@code where} when the text is not a duration
     */
    public static Duration parse(String where, String value) {
        String text = value == null ? "" : value.strip();
        try {
            if (SECONDS.matcher(text).matches()) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
            }
            if (UNITS.matcher(text).matches()) {
                Duration sum = Duration.ZERO;
                Matcher unit = UNIT.matcher(text);
                while (unit.find()) {
                    long amount = Long.parseLong(unit.group(1));
                    sum = sum.plus(switch (unit.group(2)) {
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
                }
                return sum;
            }
            Duration iso = Duration.parse(text);
            if (iso.isNegative()) {
                throw new IllegalArgumentException(where + ": must not be negative, got '" + value + "'");
            }
            return iso;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(where + ": not a duration: '" + value + "' (" + FORMS + ")");
        }
    }

    /** {@link #parse}, and zero is refused too: for timeouts and intervals. */
    public static Duration parsePositive(String where, String value) {
        Duration duration = parse(where, value);
        if (duration.isZero()) {
            throw new IllegalArgumentException(where + ": must be positive, got '" + value + "'");
        }
        return duration;
    }
}
