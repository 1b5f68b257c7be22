package cki.lib.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A process's counters and histograms, rendered in the Prometheus text exposition format (version
 * 0.0.4) for a {@code /metrics} endpoint, a textfile collector or a Pushgateway. Hand-written because
 * the format is a few lines of text and the long-running commands need only counters and histograms:
 * the Prometheus client library would bring its own HTTP server and registry model for that.
 */
public final class Metrics {
    /** The text format's media type, for {@code Content-Type}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** A counter family; {@code labels} name the label values each increment gives, in order. */
    public synchronized Counter counter(String name, String help, String... labels) {
        return (Counter) families.computeIfAbsent(name, n -> new Counter(n, help, labels));
    }

    /** A histogram family with the given upper bounds (seconds, bytes...), ascending. */
    public synchronized Histogram histogram(String name, String help, double[] bounds, String... labels) {
        return (Histogram) families.computeIfAbsent(name, n -> new Histogram(n, help, bounds, labels));
    }

    /** Everything, in the text format. */
    public synchronized String render() {
        StringBuilder text = new StringBuilder();
        for (Family family : families.values()) {
            text.append("# HELP ").append(family.name).append(' ').append(family.help.replace("\\", "\\\\")
                    .replace("\n", "\\n")).append('\n');
            text.append("# TYPE ").append(family.name).append(' ').append(family.type()).append('\n');
            family.render(text);
        }
        return text.toString();
    }

    /** A family of one metric: its name, help, label names and one series per label values. */
    public abstract static class Family {
        final String name;
        final String help;
        final String[] labels;

        Family(String name, String help, String[] labels) {
            this.name = name;
            this.help = help;
            this.labels = labels.clone();
        }

        abstract String type();

        abstract void render(StringBuilder text);

        List<String> key(String... values) {
            if (values.length != labels.length) {
                throw new IllegalArgumentException(name + ": expected labels " + Arrays.toString(labels)
                        + ", got " + values.length + " value(s)");
            }
            List<String> key = new ArrayList<>(values.length);
            for (String value : values) {
                key.add(value == null ? "" : value);
            }
            return key;
        }

        String labelText(List<String> values, String extraName, String extraValue) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < labels.length; i++) {
                text.append(text.length() == 0 ? "{" : ",").append(labels[i]).append("=\"").append(escape(values.get(i)))
                        .append('"');
            }
            if (extraName != null) {
                text.append(text.length() == 0 ? "{" : ",").append(extraName).append("=\"").append(extraValue).append('"');
            }
            return text.length() == 0 ? "" : text.append('}').toString();
        }
    }

    /** A monotonically increasing count per label values. */
    public static final class Counter extends Family {
        private final Map<List<String>, LongAdder> series = new ConcurrentHashMap<>();

        Counter(String name, String help, String[] labels) {
            super(name, help, labels);
        }

        public void inc(String... labelValues) {
            add(1, labelValues);
        }

        public void add(long amount, String... labelValues) {
            series.computeIfAbsent(key(labelValues), k -> new LongAdder()).add(amount);
        }

        /** The current count of one series (0 when it never counted). */
        public long value(String... labelValues) {
            LongAdder adder = series.get(key(labelValues));
            return adder == null ? 0 : adder.sum();
        }

        @Override
        String type() {
            return "counter";
        }

        @Override
        void render(StringBuilder text) {
            series.entrySet().stream().sorted(Map.Entry.comparingByKey(Metrics::compare)).forEach(entry ->
                    text.append(name).append(labelText(entry.getKey(), null, null)).append(' ')
                            .append(entry.getValue().sum()).append('\n'));
        }
    }

    /** Observations counted into cumulative buckets, with their sum and count. */
    public static final class Histogram extends Family {
        private final double[] bounds;
        private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

        private static final class Series {
            final LongAdder[] buckets;
            final DoubleAdder sum = new DoubleAdder();
            final LongAdder count = new LongAdder();

            Series(int size) {
                buckets = new LongAdder[size];
                for (int i = 0; i < size; i++) {
                    buckets[i] = new LongAdder();
                }
            }
        }

        Histogram(String name, String help, double[] bounds, String[] labels) {
            super(name, help, labels);
            this.bounds = bounds.clone();
        }

        public void observe(double value, String... labelValues) {
            Series one = series.computeIfAbsent(key(labelValues), k -> new Series(bounds.length));
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    one.buckets[i].increment();
                }
            }
            one.sum.add(value);
            one.count.increment();
        }

        /** How many observations one series has. */
        public long count(String... labelValues) {
            Series one = series.get(key(labelValues));
            return one == null ? 0 : one.count.sum();
        }

        @Override
        String type() {
            return "histogram";
        }

        @Override
        void render(StringBuilder text) {
            series.entrySet().stream().sorted(Map.Entry.comparingByKey(Metrics::compare)).forEach(entry -> {
                Series one = entry.getValue();
                for (int i = 0; i < bounds.length; i++) {
                    text.append(name).append("_bucket").append(labelText(entry.getKey(), "le", number(bounds[i])))
                            .append(' ').append(one.buckets[i].sum()).append('\n');
                }
                text.append(name).append("_bucket").append(labelText(entry.getKey(), "le", "+Inf")).append(' ')
                        .append(one.count.sum()).append('\n');
                text.append(name).append("_sum").append(labelText(entry.getKey(), null, null)).append(' ')
                        .append(number(one.sum.sum())).append('\n');
                text.append(name).append("_count").append(labelText(entry.getKey(), null, null)).append(' ')
                        .append(one.count.sum()).append('\n');
            });
        }
    }

    /** Bucket bounds for durations in seconds, from 10 ms to 30 min. */
    public static double[] secondsBuckets() {
        return new double[] {0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800};
    }

    static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static int compare(List<String> left, List<String> right) {
        return String.join("\u0000", left).compareTo(String.join("\u0000", right));
    }
}
