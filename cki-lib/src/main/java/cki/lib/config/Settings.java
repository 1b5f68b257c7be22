package cki.lib.config;

import cki.lib.data.DataFiles;
import cki.lib.data.DataNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry of documented environment variables, loaded from {@code cki/lib/config/settings.yaml}
 * and every module's {@code cki-settings.yaml}. Data, so adding a variable is editing a YAML file.
 */
public final class Settings {
    private final Map<String, Setting> byName;

    private Settings(Map<String, Setting> byName) {
        this.byName = byName;
    }

    public static Settings load() {
        Map<String, Setting> settings = new LinkedHashMap<>();
        ClassLoader loader = Settings.class.getClassLoader();
        read(loader.getResource("cki/lib/config/settings.yaml"), settings);
        try {
            Enumeration<URL> modules = loader.getResources("cki-settings.yaml");
            for (URL url : Collections.list(modules)) {
                read(url, settings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Settings(settings);
    }

    private static void read(URL url, Map<String, Setting> into) {
        if (url == null) {
            return;
        }
        byte[] yaml;
        try (InputStream in = url.openStream()) {
            yaml = in.readNBytes(DataFiles.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read settings " + url, e);
        }
        for (DataNode entry : DataNode.rootItems(url.toString(), DataFiles.tree(url.toString(), yaml))) {
            entry.onlyKeys(Set.of("name", "description", "default", "secret"));
            String name = entry.text("name");
            into.put(name, new Setting(name, entry.optionalText("description") == null ? ""
                    : entry.optionalText("description"), entry.optionalText("default"), entry.flag("secret")));
        }
    }

    public List<Setting> all() {
        return new ArrayList<>(byName.values());
    }

    /** True for registered secrets and for anything whose name says it is one. */
    public boolean isSecret(String name) {
        Setting setting = byName.get(name);
        return (setting != null && setting.secret()) || Redaction.looksSecret(name);
    }
}
