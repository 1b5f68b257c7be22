package cki.lib.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a URL's content is named: KCIDB's patch names and a config's name in build.json use the same rule. */
class InputsTest {
    @Test
    void aUrlsFileNameIsItsLastPathSegmentAndPatchworkMboxesAreNamedByTheirId() {
        assertEquals("0001-fix.patch", Inputs.fileName("https://example.com/series/0001-fix.patch", "patch"));
        assertEquals("20240101-1-a@b.c.mbox",
                Inputs.fileName("https://patchwork.kernel.org/project/x/patch/20240101-1-a@b.c/mbox/", "patch"));
        assertEquals("123456.mbox", Inputs.fileName("https://patchwork.kernel.org/series/123456/mbox/", "patch"));
        assertEquals("7.raw", Inputs.fileName("https://lore.example.org/all/7/raw", "patch"));
        assertEquals("mbox", Inputs.fileName("https://example.com/mbox", "patch"));
        assertEquals("kernel.config", Inputs.fileName("https://user:pw@example.com/cfg/kernel.config?token=t#x",
                "config"));
        assertEquals("configs", Inputs.fileName("https://example.com/configs/", "config"));
        assertEquals("config", Inputs.fileName("https://example.com/", "config"));
        assertEquals("config", Inputs.fileName("https://example.com?token=t", "config"));
    }

    @Test
    void aFetchFailureSaysWhyAndThroughWhichProxy() {
        String url = "https://lore.kernel.org/x/t.mbox.gz";
        assertEquals("ConnectException: Failed to connect to /10.0.0.1:3128, through the proxy 10.0.0.1:3128"
                + " (https_proxy)", Inputs.cause(new java.io.IOException("GET " + url + " through the proxy"
                + " 10.0.0.1:3128 (https_proxy) failed: ConnectException: Failed to connect to /10.0.0.1:3128"), url));
        assertEquals("HTTP 407: the proxy asks, through the proxy p:1 (http_proxy)", Inputs.cause(
                new java.io.IOException("GET " + url + " through the proxy p:1 (http_proxy) -> HTTP 407: the proxy asks"),
                url));
        assertEquals("HTTP 404 Not Found", Inputs.cause(new java.io.IOException("GET " + url + " -> HTTP 404 Not Found"),
                url));
    }
}
