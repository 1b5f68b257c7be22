package cki.lib.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cki.lib.cli.UsageException;
import org.junit.jupiter.api.Test;

class KcidbOriginTest {
    @Test
    void anOriginIsLowerCaseLettersDigitsAndUnderscores() {
        assertEquals("redhat_ci2", KcidbOrigin.checked("--origin", "redhat_ci2"));
        for (String bad : new String[] {"", "CKI", "red-hat", "cki:x", "kéy", " cki"}) {
            assertEquals("--origin: '" + bad + "' must match ^[a-z0-9_]+$ (a KCIDB origin)",
                    assertThrows(UsageException.class, () -> KcidbOrigin.checked("--origin", bad)).getMessage());
        }
        assertThrows(UsageException.class, () -> KcidbOrigin.checked("--origin", null));
    }
}
