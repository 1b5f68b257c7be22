package cki.cli.docs;

import cki.cli.CkiCommand;
import cki.lib.cli.CommandLines;
import cki.lib.config.EnvDefaultProvider;
import cki.lib.config.Environment;
import cki.lib.json.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes the markdown command reference (one page per command, from the picocli model) and the bash
 * completion script. Run by the build, so docs/reference never drifts from the code.
 */
public final class ReferenceGenerator {
    private ReferenceGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path docsDir = Path.of(args[0]);
        Path completion = Path.of(args[1]);
        // an empty environment: the reference shows built-in defaults, not the builder's variables
        CommandLine root = CommandLines.create(new CkiCommand(), new Environment(Map.of()));
        Files.createDirectories(docsDir);
        StringBuilder index = new StringBuilder("# Command reference\n\n"
                + "Generated from the command model by the build (`cki-cli` ReferenceGenerator); do not edit.\n\n");
        write(root, docsDir, index, 0);
        AtomicFiles.writeString(docsDir.resolve("README.md"), index.toString());
        AtomicFiles.writeString(completion, AutoComplete.bash("cki", root));
    }

    private static void write(CommandLine command, Path dir, StringBuilder index, int depth) throws IOException {
        CommandSpec spec = command.getCommandSpec();
        if (spec.usageMessage().hidden()) {
            return;
        }
        String file = spec.qualifiedName("-") + ".md";
        index.append("  ".repeat(depth)).append("- [`").append(spec.qualifiedName()).append("`](").append(file)
                .append("): ").append(firstLine(spec)).append('\n');
        AtomicFiles.writeString(dir.resolve(file), page(command));
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getParent() == command) {
                write(sub, dir, index, depth + 1);
            }
        }
    }

    private static String firstLine(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        return description.length == 0 ? "" : description[0];
    }

    static String page(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        StringBuilder page = new StringBuilder();
        page.append("# `").append(spec.qualifiedName()).append("`\n\n");
        for (String line : spec.usageMessage().description()) {
            page.append(line).append('\n');
        }
        page.append("\n```\n").append(command.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing())
                .append("\n```\n");
        if (!spec.options().isEmpty()) {
            page.append("\n| option | environment | description |\n|---|---|---|\n");
            // sorted: picocli lists mixin methods in reflection order, which changes between JVM runs
            List<OptionSpec> options = new ArrayList<>(spec.options());
            options.sort(Comparator.comparing(OptionSpec::longestName));
            for (OptionSpec option : options) {
                if (option.hidden()) {
                    continue;
                }
                String variable = EnvDefaultProvider.variableFor(option);
                page.append("| `").append(String.join("`, `", option.names())).append("` | ")
                        .append(variable == null ? "" : "`" + variable + "`").append(" | ")
                        .append(String.join(" ", option.description()).replace("|", "\\|")).append(" |\n");
            }
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            page.append("\n- `").append(positional.paramLabel()).append("`: ")
                    .append(String.join(" ", positional.description())).append('\n');
        }
        return page.toString();
    }
}
