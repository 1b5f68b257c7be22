package cki.test.cli;

import cki.lib.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code cki test}: test plans and the two test backends. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Test a built kernel: show the test plan, run it on Beaker, or boot it locally under QEMU.")
public final class TestCommand extends CommandGroup {
    public TestCommand() {
        super(PlanCommand.class, ChangesCommand.class, BeakerCommand.class, QemuCommand.class);
    }
}
