package cki.lib.patches;

import cki.lib.cli.UsageException;
import cki.lib.files.Sha256;
import cki.lib.http.Inputs;
import cki.lib.http.RetryingHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.slf4j.LoggerFactory;

/**
 * A patch or patch series as a command read it: how logs, reports and the reproducer name its source
 * (a URL without credentials), its name and URL for KCIDB's {@code patchset_files}, and its bytes.
 *
 * @param url null for standard input, which has none
 */
public record Patch(String shown, String name, String url, byte[] content) {
    /** As large as an input may be ({@link RetryingHttpClient#MAX_BUFFERED_BODY}). */
    static final int MAX_UNCOMPRESSED = (int) RetryingHttpClient.MAX_BUFFERED_BODY;

    /**
     * Reads a file, standard input ({@code -}) or an http(s) URL such as a Patchwork mbox (with retries),
     * gzip-compressed or not; of a mailing-list thread, the newest series ({@link #newestSeries}).
     * A URL keeps no query string (where tokens travel); Patchwork's {@code .../ID/mbox/} is named
     * {@code ID.mbox}; a file's URL is its absolute {@code file://} URL.
     */
    public static Patch read(String option, String source, Supplier<RetryingHttpClient> http, InputStream stdin) {
        return readAsGiven(option, source, http, stdin).newestSeries(option);
    }

    /** {@link #read} without taking the newest series of a thread, for a reader that looks for it itself. */
    public static Patch readAsGiven(String option, String source, Supplier<RetryingHttpClient> http,
            InputStream stdin) {
        String shown = Inputs.shown(source);
        byte[] content = uncompressed(option + " " + shown, Inputs.read(option, source, http, stdin), MAX_UNCOMPRESSED);
        if (source.equals(Inputs.STDIN)) {
            return new Patch(shown, "stdin.patch", null, content);
        }
        if (Inputs.isUrl(source)) {
            return new Patch(shown, Inputs.fileName(shown, "patch"), shown, content);
        }
        Path file = Path.of(source);
        return new Patch(source, file.getFileName().toString(), file.toAbsolutePath().toUri().toString(), content);
    }

    /**
     * This patch, or of a mailing-list thread (lore's {@code t.mbox.gz}: every version posted and the
     * replies) the newest series, said in one line on stderr ({@link ThreadSeries}).
     */
    public Patch newestSeries(String option) {
        return withContent(ThreadSeries.newest(option + " " + shown, content, Patch::warn));
    }

    /** The same, for a reader that gave every line of this patch to {@code clues} (no second pass). */
    public Patch newestSeries(String option, ThreadClues clues) {
        return withContent(ThreadSeries.newest(option + " " + shown, content, clues, Patch::warn));
    }

    /**
     * The logger is asked for only here: a series that is no thread (the usual case, and the command
     * whose start-up is measured, {@code cki test plan --patch}) does not initialise logging.
     */
    private static void warn(String line) {
        LoggerFactory.getLogger("cki.lib.patches").warn("{}", line);
    }

    private Patch withContent(byte[] newContent) {
        return newContent == content ? this : new Patch(shown, name, url, newContent);
    }

    /**
     * {@code content}, uncompressed when it is gzip (lore's {@code t.mbox.gz}), within the size any input
     * may have: a few kilobytes can unpack to gigabytes.
     */
    static byte[] uncompressed(String shown, byte[] content, int limit) {
        if (!isGzip(content)) {
            return content;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
            byte[] plain = in.readNBytes(limit + 1);
            if (plain.length > limit) {
                throw new UsageException(shown + ": larger than " + (limit >= 1 << 20 ? (limit >> 20) + " MiB"
                        : limit + " bytes") + " uncompressed, more than any input of this kind");
            }
            return plain;
        } catch (IOException e) {
            throw new UsageException(shown + ": a broken gzip file: " + e.getMessage());
        }
    }

    private static boolean isGzip(byte[] content) {
        return content.length > 1 && content[0] == (byte) 0x1f && content[1] == (byte) 0x8b;
    }

    /** Every source, in order, read before anything is done with them. */
    public static List<Patch> readAll(String option, List<String> sources, Supplier<RetryingHttpClient> http,
            InputStream stdin) {
        return sources.stream().map(source -> read(option, source, http, stdin)).toList();
    }

    /** {@link #readAll} without taking the newest series of threads ({@link #readAsGiven}). */
    public static List<Patch> readAllAsGiven(String option, List<String> sources, Supplier<RetryingHttpClient> http,
            InputStream stdin) {
        return sources.stream().map(source -> readAsGiven(option, source, http, stdin)).toList();
    }

    /**
     * Bad input unless the series holds a diff and each source holds one or is a mail (a cover letter,
     * "0/N", holds none). A source that is neither is not what was meant (Patchwork's HTML page instead of
     * its mbox, a compressed file, an error page), and reading it as a change of no files would leave out
     * every test that targets the files it was meant to change.
     *
     * @param holdsDiff whether a source holds a diff, as the caller reads diffs
     */
    public static void requireDiffs(String option, List<Patch> patches, Predicate<Patch> holdsDiff) {
        boolean any = false;
        for (Patch patch : patches) {
            boolean diff = holdsDiff.test(patch);
            if (!diff && !Mbox.looksLikeMail(patch.content())) {
                throw noPatch(option + " " + patch.shown() + ": no patch in it", patch.content());
            }
            any |= diff;
        }
        if (!any && !patches.isEmpty()) {
            throw noPatch(option + " " + (patches.size() == 1 ? patches.get(0).shown() + ": no patch in it"
                    : patches.get(0).shown() + " ... " + patches.get(patches.size() - 1).shown()
                    + ": no patch in any of these " + patches.size()), patches.get(0).content());
        }
    }

    private static UsageException noPatch(String problem, byte[] content) {
        return new UsageException(problem + (isHtml(content)
                ? " (a web page: give its mbox, e.g. Patchwork's .../mbox/ or lore's .../t.mbox.gz)"
                : " (no 'diff --git' or '---'/'+++' lines)"));
    }

    /** The page of a series or a thread, given instead of its mbox: the usual mistake with a URL. */
    private static boolean isHtml(byte[] content) {
        String start = new String(content, 0, Math.min(content.length, 200), StandardCharsets.ISO_8859_1).stripLeading()
                .toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    public String sha256() {
        return Sha256.of(content);
    }
}
