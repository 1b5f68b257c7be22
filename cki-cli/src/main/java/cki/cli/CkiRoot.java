package cki.cli;

import cki.lib.cli.CommandGroup;
import picocli.CommandLine.Command;

/**
 * The root command without its tools: what {@link CkiMain} starts from when the first argument names
 * one tool, so that only that tool's command model is built (building all of them is most of the
 * start-up of a short command). {@link CkiCommand} is the same root with every tool.
 */
@Command(name = "cki",
        mixinStandardHelpOptions = true,
        versionProvider = CkiVersionProvider.class,
        description = {
            "One-shot kernel CI tools: git cache, kernel build, test, KCIDB, pipeline herder, report.",
            "Every command runs alone on a laptop with the same inputs the pipeline passes.",
            "Side effects on shared systems happen only with CKI_DEPLOYMENT_ENVIRONMENT=production."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  ok", "  1  the operation failed", "  2  bad usage or bad input"})
public class CkiRoot extends CommandGroup {
}
