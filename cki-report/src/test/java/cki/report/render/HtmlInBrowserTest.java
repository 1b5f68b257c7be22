package cki.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report opened in a real headless Chromium: what a person sees says the verdict. */
class HtmlInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path temp;

    @Test
    void chromiumShowsTheVerdict() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
        Path page = Files.writeString(temp.resolve("report.html"),
                ReportRenderer.render(ReportFixtures.report(), ReportFormat.html));
        // --dump-dom prints the DOM after the page loaded, i.e. what the browser made of our HTML
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + temp.resolve("profile"), "--dump-dom", page.toUri().toString()))
                .redirectError(temp.resolve("chromium.log").toFile()).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(chromium.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, chromium.exitValue(), Files.readString(temp.resolve("chromium.log")));
        assertTrue(dom.contains("<title>FAIL: Tests failed for kernel 6.1.99 (stable)</title>"), dom);
        assertTrue(dom.contains("id=\"verdict\" class=\"verdict FAIL\"><strong>Verdict: FAIL.</strong>"), dom);
        assertTrue(dom.contains("Ada Lovelace &lt;ada@example.org&gt;"), "escaped in HTML: " + dom);
    }
}
