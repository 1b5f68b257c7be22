package cki.test.beaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.results.BuildJson;
import cki.test.plan.PlanSelection;
import cki.test.plan.TestPlans;
import cki.test.support.SharedSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeakerJobXmlTest {
    @TempDir
    Path dir;

    private BeakerJob job(String arch, String tree) throws Exception {
        Path buildJson = dir.resolve("build.json");
        Files.writeString(buildJson, "{\"version\": 1, \"status\": \"PASS\", \"arch\": \"" + arch + "\", "
                + "\"kcidb\": {\"id\": \"cki:b<&>1\", \"checkout_id\": \"cki:c1\"}, \"artifacts\": []}");
        BuildJson build = BuildJson.read(buildJson);
        return BeakerJobFactory.create(PlanSelection.select(TestPlans.loadDefault(), arch, tree,
                PlanSelection.Backend.BEAKER), build, "https://a.example.com/k.tar.gz?x=1&y=2");
    }

    @Test
    void theRenderedJobIsValidAgainstBeakersSchema() throws Exception {
        String xml = BeakerJobXml.render(job("x86_64", "mainline"));
        assertEquals(List.of(), BeakerJobSchema.file(SharedSchemas.beakerJobSchema()).validate(xml));
        assertTrue(xml.contains("<whiteboard>cki: build cki:b&lt;&amp;&gt;1 of checkout cki:c1 x86_64, plan default"
                + "</whiteboard>"), xml);
        assertTrue(xml.contains("<distro_arch op=\"=\" value=\"x86_64\"/>"), xml);
        assertTrue(xml.contains("<memory op=\"&gt;=\" value=\"16384\"/>"), xml);
        assertTrue(xml.contains("<param name=\"KPKG_URL\" value=\"https://a.example.com/k.tar.gz?x=1&amp;y=2\"/>"), xml);
        assertTrue(xml.contains("<param name=\"KILLTIMEOVERRIDE\" value=\"10800\"/>"), xml);
        assertTrue(xml.contains("<param name=\"CKI_WAIVED\" value=\"True\"/>"), xml);
        assertTrue(xml.contains("<watchdog panic=\"None\"/>"), xml);
    }

    @Test
    void oneRecipeSetPerHostGroupEachInstallingTheKernelFirst() throws Exception {
        BeakerJob job = job("x86_64", "mainline");
        assertEquals(List.of("default", "baremetal-large"), job.recipeSets().stream()
                .map(BeakerJob.RecipeSet::hostGroup).toList());
        job.recipeSets().forEach(set -> assertEquals("/distribution/kpkginstall", set.recipe().tasks().get(0).name()));
        assertEquals(List.of("/distribution/kpkginstall", "/kernel/stress/stress-ng"),
                job.recipeSets().get(1).recipe().tasks().stream().map(BeakerJob.Task::name).toList());
        BeakerJob again = job.only("baremetal-large");
        assertEquals(1, again.recipeSets().size());
        assertTrue(again.whiteboard().contains("resubmitted baremetal-large"));
    }

    @Test
    void testsForOtherArchesStayOut() throws Exception {
        String xml = BeakerJobXml.render(job("s390x", null));
        assertFalse(xml.contains("kselftests"));
        assertFalse(xml.contains("stress-ng"));
    }

    @Test
    void theSchemaCheckCatchesAnInvalidJob() {
        List<String> errors = BeakerJobSchema.file(SharedSchemas.beakerJobSchema()).validate(
                "<job><recipeSet><recipe><distroRequires/><hostRequires/></recipe></recipeSet></job>");
        assertFalse(errors.isEmpty(), "a recipe without tasks is not a valid Beaker job");
        assertTrue(errors.get(0).startsWith("line 1, column"), errors.get(0));
        assertEquals(List.of(), BeakerJobSchema.file(SharedSchemas.beakerJobSchema()).validate(
                cki.test.support.Texts.read(SharedSchemas.beakerExample("complete-job.xml"))));
    }
}
