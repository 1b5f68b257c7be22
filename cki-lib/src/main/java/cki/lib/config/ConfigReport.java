package cki.lib.config;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effective configuration: every documented setting and every {@code CKI_*} variable that is
 * set, with where its value came from. Secrets are redacted, always.
 */
public final class ConfigReport {
    /** One line of the report. */
    public record Entry(String name, String value, String source, String description) {
    }

    private final List<Entry> entries;
    private final DeploymentEnvironment deployment;

    private ConfigReport(List<Entry> entries, DeploymentEnvironment deployment) {
        this.entries = entries;
        this.deployment = deployment;
    }

    public static ConfigReport of(Environment environment, Settings settings) {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> undocumented = new TreeMap<>();
        environment.asMap().forEach((name, value) -> {
            if (name.startsWith("CKI_")) {
                undocumented.put(name, value);
            }
        });
        for (Setting setting : settings.all()) {
            undocumented.remove(setting.name());
            var value = environment.get(setting.name());
            String shown = value.map(v -> settings.isSecret(setting.name()) ? Redaction.MASK : Redaction.redact(v))
                    .orElse(setting.defaultValue());
            String source = value.isPresent() ? "environment" : setting.defaultValue() != null ? "default" : "unset";
            entries.add(new Entry(setting.name(), shown, source, setting.description()));
        }
        undocumented.forEach((name, value) -> entries.add(new Entry(name,
                settings.isSecret(name) ? Redaction.MASK : Redaction.redact(value), "environment",
                "option default (CKI_<OPTION>)")));
        return new ConfigReport(entries, DeploymentEnvironment.from(environment));
    }

    public List<Entry> entries() {
        return entries;
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("deployment environment: ").append(deployment.name())
                .append(deployment.isProduction() ? " (production: side effects enabled)"
                        : " (not production: side effects are only described)").append('\n');
        int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(10);
        for (Entry entry : entries) {
            text.append(String.format("%-" + width + "s = %s  (%s)%n", entry.name(),
                    entry.value() == null ? "" : entry.value(), entry.source()));
        }
        return text.toString();
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("deployment_environment", deployment.name());
        root.put("production", deployment.isProduction());
        ArrayNode settings = root.putArray("settings");
        for (Entry entry : entries) {
            settings.addObject().put("name", entry.name()).put("value", entry.value())
                    .put("source", entry.source()).put("description", entry.description());
        }
        return root;
    }
}
