package cki.lib.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReportTest {
    private final Environment environment = new Environment(Map.of(
            "CKI_DEPLOYMENT_ENVIRONMENT", "staging",
            "CKI_GITLAB_TOKEN", "glpat-very-secret",
            "AWS_SECRET_ACCESS_KEY", "aws-very-secret",
            "CKI_GIT_CACHE_STORE", "s3://bucket/cache",
            "HOME", "/root"));

    @Test
    void showsEffectiveValuesWithTheirSourceAndRedactsSecrets() {
        ConfigReport report = ConfigReport.of(environment, Settings.load());
        String text = report.toText();
        assertFalse(text.contains("glpat-very-secret"), text);
        assertFalse(text.contains("aws-very-secret"), text);
        assertTrue(text.contains("CKI_GITLAB_TOKEN"), text);
        assertTrue(text.contains("deployment environment: staging (not production"), text);
        assertTrue(text.contains("CKI_GIT_CACHE_STORE") && text.contains("s3://bucket/cache"), text);
        assertTrue(text.contains("CKI_LOGGING_LEVEL") && text.contains("WARN  (default)"), text);
        assertFalse(text.contains("HOME"), "only cki's variables are shown");
        String json = report.toJson().toString();
        assertFalse(json.contains("very-secret"), json);
        assertEquals(false, report.toJson().get("production").asBoolean());
    }

    @Test
    void passwordsInsideUrlValuesAreMasked() {
        ConfigReport report = ConfigReport.of(new Environment(Map.of(
                "CKI_GITLAB_URL", "https://bot:gl-Pass1@gitlab.example",
                "CKI_S3_ENDPOINT", "http://minio:s3-Pass2@127.0.0.1:9000")), Settings.load());
        String text = report.toText() + report.toJson();
        assertFalse(text.contains("gl-Pass1") || text.contains("s3-Pass2"), text);
        assertTrue(text.contains("gitlab.example") && text.contains("127.0.0.1:9000"), text);
    }

    @Test
    void deploymentEnvironmentRules() {
        assertEquals("development", DeploymentEnvironment.from(new Environment(Map.of())).name());
        assertFalse(DeploymentEnvironment.from(new Environment(Map.of())).isProduction());
        assertTrue(DeploymentEnvironment.from(new Environment(Map.of("CKI_DEPLOYMENT_ENVIRONMENT", "production")))
                .isProduction());
        assertFalse(DeploymentEnvironment.from(new Environment(Map.of("CKI_DEPLOYMENT_ENVIRONMENT", "Production")))
                .isProduction(), "only the exact word enables side effects");
    }
}
