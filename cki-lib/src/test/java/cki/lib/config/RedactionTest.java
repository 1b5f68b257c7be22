package cki.lib.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void masksCredentialsInHeadersQueryStringsAndUrls() {
        String text = Redaction.redact("Authorization: Bearer abc.def\nPRIVATE-TOKEN: glpat-123\n"
                + "https://user:hunter2@gitlab.example/x?private_token=tok42&x=1 password=pw1");
        for (String secret : new String[] {"abc.def", "glpat-123", "hunter2", "tok42", "pw1"}) {
            assertFalse(text.contains(secret), secret + " leaked: " + text);
        }
        assertTrue(text.contains("https://user:[redacted]@gitlab.example/x"), text);
        assertTrue(text.contains("x=1"), text);
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "make: *** [Makefile:1234: vmlinux] Error 2";
        assertEquals(text, Redaction.redact(text));
    }

    @Test
    void recognisesSecretVariableNames() {
        assertTrue(Redaction.looksSecret("CKI_GITLAB_TOKEN"));
        assertTrue(Redaction.looksSecret("CKI_SMTP_PASSWORD"));
        assertTrue(Redaction.looksSecret("AWS_SECRET_ACCESS_KEY"));
        assertFalse(Redaction.looksSecret("CKI_GITLAB_URL"));
    }

    @Test
    void anHttpsUserNameAloneIsMaskedAndStripUserInfoRemovesItAll() {
        assertEquals("clone https://[redacted]@github.com/o/r failed",
                Redaction.redact("clone https://ghp_abc123@github.com/o/r failed"));
        assertEquals("ssh://git@host/x", Redaction.redact("ssh://git@host/x"));
        assertEquals("https://host.example/x.git", Redaction.stripUserInfo("https://bot:TOKEN@host.example/x.git"));
        assertEquals("https://host.example/x.git", Redaction.stripUserInfo("https://TOKEN@host.example/x.git"));
        assertEquals("https://host.example/a@b", Redaction.stripUserInfo("https://host.example/a@b"));
        assertEquals("git@host:x.git", Redaction.stripUserInfo("git@host:x.git"));
    }
}
