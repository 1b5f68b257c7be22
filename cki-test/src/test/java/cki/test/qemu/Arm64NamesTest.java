package cki.test.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.test.plan.PlanSelection;
import cki.test.plan.TestPlans;
import org.junit.jupiter.api.Test;

/** An arm64 build (the kernel's name) is tested like an aarch64 one (QEMU's and the plans' name). */
class Arm64NamesTest {
    @Test
    void anArm64BuildBootsOnTheAarch64MachineAndGetsTheAarch64Tests() {
        assertEquals("qemu-system-aarch64", QemuMachine.forArch("arm64").qemu());
        PlanSelection selection = PlanSelection.select(TestPlans.loadDefault(), "arm64", null,
                PlanSelection.Backend.ANY);
        assertTrue(selection.selected().stream().anyMatch(t -> t.path().equals("kselftests.net")),
                "kselftests.net lists aarch64 among its arches");
    }
}
