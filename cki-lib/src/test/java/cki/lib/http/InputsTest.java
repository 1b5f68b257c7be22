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
}
