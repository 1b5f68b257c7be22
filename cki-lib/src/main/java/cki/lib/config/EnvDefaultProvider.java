package cki.lib.config;

import java.lang.reflect.AnnotatedElement;
import java.util.Locale;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets every option default from an environment variable: {@code --store-url} reads
 * {@code CKI_STORE_URL} unless the option names another one with {@link EnvVar}.
 */
public final class EnvDefaultProvider implements IDefaultValueProvider {
    private final Environment environment;

    public EnvDefaultProvider(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String variable = variableFor(option);
        if (variable == null) {
            return null;
        }
        return environment.get(variable).orElse(null);
    }

    /** The variable an option reads, or null for options that never come from the environment. */
    public static String variableFor(OptionSpec option) {
        if (option.usageHelp() || option.versionHelp()) {
            return null;
        }
        Object userObject = option.userObject();
        if (userObject instanceof AnnotatedElement element) {
            EnvVar envVar = element.getAnnotation(EnvVar.class);
            if (envVar != null) {
                return envVar.value().isEmpty() ? null : envVar.value();
            }
        }
        String name = option.longestName().replaceFirst("^-+", "");
        return "CKI_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
