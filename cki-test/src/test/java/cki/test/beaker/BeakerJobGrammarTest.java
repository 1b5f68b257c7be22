package cki.test.beaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.cli.UsageException;
import cki.lib.results.BuildJson;
import cki.test.plan.HostRequirement;
import cki.test.plan.PlanSelection;
import cki.test.plan.PlannedTest;
import cki.test.plan.TestPlan;
import cki.test.plan.TestPlans;
import cki.test.support.SharedSchemas;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * cki's own job grammar (job.rnc, shipped) against Beaker's beaker-job.rng (../shared, the oracle):
 * every job cki can render passes both, broken jobs fail both, and whatever cki's grammar accepts
 * Beaker's accepts too.
 */
class BeakerJobGrammarTest {
    private static final BeakerJobSchema OURS = BeakerJobSchema.builtIn();
    private static final BeakerJobSchema BEAKER = BeakerJobSchema.file(SharedSchemas.beakerJobSchema());

    @TempDir
    Path dir;

    @Test
    void everyShippedPlanArchTreeBuildAndResubmissionRendersAJobBothGrammarsAccept() throws Exception {
        int jobs = 0;
        int notApplicable = 0;
        for (TestPlan shipped : shippedPlans()) {
            for (TestPlan plan : List.of(shipped, withoutRetentionTag(shipped))) {
                for (String arch : arches(plan)) {
                    for (String tree : trees(plan)) {
                        for (BuildJson build : builds(arch)) {
                            PlanSelection selection = PlanSelection.select(plan, arch, tree,
                                    PlanSelection.Backend.BEAKER);
                            BeakerJob job;
                            try {
                                job = BeakerJobFactory.create(selection, build, kernelUrl(build));
                            } catch (UsageException e) {
                                notApplicable++; // the kernel install test does not apply: no job at all
                                continue;
                            }
                            List<BeakerJob> variants = new ArrayList<>(List.of(job,
                                    job.withSubmissionToken(BeakerJob.newSubmissionToken())));
                            job.recipeSets().forEach(set -> variants.add(job.only(set.hostGroup())
                                    .withSubmissionToken(BeakerJob.newSubmissionToken())));
                            for (BeakerJob variant : variants) {
                                String xml = BeakerJobXml.render(variant);
                                String what = plan.name() + " " + arch + " " + tree + " " + build.buildId() + "\n" + xml;
                                assertEquals(List.of(), BEAKER.validate(xml), what);
                                assertEquals(List.of(), OURS.validate(xml), what);
                                jobs++;
                            }
                        }
                    }
                }
            }
        }
        System.out.println("BeakerJobGrammarTest: " + jobs + " rendered jobs valid for Beaker's and cki's grammar ("
                + notApplicable + " combinations without a kernel install test)");
        assertTrue(jobs >= 100, "too few combinations: " + jobs);
    }

    @Test
    void brokenJobsFailBothGrammars() throws Exception {
        String valid = BeakerJobXml.render(defaultJob());
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("not XML", "<job><recipeSet>");
        broken.put("no recipe set", "<job><whiteboard>w</whiteboard></job>");
        broken.put("a recipe without tasks",
                "<job><recipeSet><recipe><distroRequires/><hostRequires/></recipe></recipeSet></job>");
        broken.put("unknown host condition", valid.replace("<system_type ", "<system_kind "));
        broken.put("unknown distro condition", valid.replace("<distro_variant ", "<distro_flavour "));
        broken.put("bad priority", valid.replace("priority=\"Normal\"", "priority=\"Whenever\""));
        broken.put("bad watchdog", valid.replace("panic=\"None\"", "panic=\"sometimes\""));
        broken.put("bad operator", valid.replace("op=\"&gt;=\"", "op=\"=&gt;\""));
        broken.put("no distroRequires", valid.replaceAll("(?s)<distroRequires>.*?</distroRequires>", ""));
        broken.put("no hostRequires", valid.replaceAll("(?s)<hostRequires>.*?</hostRequires>", ""));
        broken.put("a param without value", valid.replaceFirst(" value=\"True\"", ""));
        broken.put("a task without a name", valid.replaceFirst("<task name=\"/kernel/kselftests\"", "<task"));
        broken.put("a fetch without url", valid.replaceFirst("<fetch url=\"[^\"]*\"", "<fetch"));
        broken.put("an unknown element in the job", valid.replace("<whiteboard>", "<colour>red</colour><whiteboard>"));
        broken.forEach((what, xml) -> {
            assertFalse(BEAKER.validate(xml).isEmpty(), "Beaker's grammar accepts " + what + ":\n" + xml);
            assertFalse(OURS.validate(xml).isEmpty(), "cki's grammar accepts " + what + ":\n" + xml);
        });
        assertTrue(OURS.validate(broken.get("unknown host condition")).get(0).startsWith("line "),
                OURS.validate(broken.get("unknown host condition")).toString());
    }

    @Test
    void whatCkisGrammarAcceptsBeakersAcceptsOnEveryOneEditMutation() throws Exception {
        String valid = BeakerJobXml.render(defaultJob());
        List<String> mutants = mutants(valid);
        int acceptedByBoth = 0;
        int rejectedByBoth = 0;
        int onlyBeaker = 0;
        for (String mutant : mutants) {
            boolean ours = OURS.validate(mutant).isEmpty();
            boolean beaker = BEAKER.validate(mutant).isEmpty();
            assertFalse(ours && !beaker, "cki's grammar accepts a job Beaker rejects: " + BEAKER.validate(mutant)
                    + "\n" + mutant);
            if (ours) {
                acceptedByBoth++;
            } else if (beaker) {
                onlyBeaker++; // cki's grammar is the stricter one: fine, cki never renders these
            } else {
                rejectedByBoth++;
            }
        }
        System.out.println("BeakerJobGrammarTest: " + mutants.size() + " mutated jobs: " + acceptedByBoth
                + " accepted by both grammars, " + rejectedByBoth + " rejected by both, " + onlyBeaker
                + " accepted by Beaker's only, 0 accepted by cki's only");
        assertTrue(mutants.size() > 100 && rejectedByBoth > 50, mutants.size() + " / " + rejectedByBoth);
    }

    @Test
    void everyConditionNameTheFactoryAllowsIsInBothGrammars() {
        List<HostRequirement> hosts = BeakerJobFactory.HOST_CONDITIONS.stream().sorted()
                .map(name -> new HostRequirement(name, "=", "x")).toList();
        Map<String, String> distro = new LinkedHashMap<>();
        BeakerJobFactory.DISTRO_CONDITIONS.forEach(name -> distro.put(name, "x"));
        BeakerJob job = new BeakerJob("w", null, List.of(new BeakerJob.RecipeSet("g", new BeakerJob.Recipe("g",
                distro, hosts, "None", List.of(new BeakerJob.Task("/t", null, Map.of()))))));
        String xml = BeakerJobXml.render(job);
        assertEquals(List.of(), OURS.validate(xml), xml);
        assertEquals(List.of(), BEAKER.validate(xml), xml);
    }

    @Test
    void aPlanConditionBeakerDoesNotKnowFailsNamingThePlanField() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, Files.readString(shippedPlanFiles().get(0)).replace("name: system_type", "name: colour"));
        PlanSelection selection = PlanSelection.select(TestPlans.load(plan), "x86_64", null,
                PlanSelection.Backend.BEAKER);
        UsageException e = assertThrows(UsageException.class, () -> BeakerJobFactory.create(selection,
                builds("x86_64").get(0), "https://example.com/k.tar.gz"));
        assertTrue(e.getMessage().matches(".*plan.yaml: host_groups\\.default\\.host_requires\\[0]\\.name: 'colour' "
                + "is not a Beaker host condition \\(known: .*"), e.getMessage());
    }

    private BeakerJob defaultJob() throws Exception {
        return BeakerJobFactory.create(PlanSelection.select(TestPlans.loadDefault(), "x86_64", "mainline",
                PlanSelection.Backend.BEAKER), builds("x86_64").get(0), "https://example.com/k.tar.gz");
    }

    /** Every plan file shipped in cki/test/plans (read from the build's classes directory). */
    private static List<Path> shippedPlanFiles() throws Exception {
        Path plans = Path.of(TestPlans.class.getClassLoader().getResource(TestPlans.DEFAULT_RESOURCE).toURI())
                .getParent();
        try (Stream<Path> files = Files.list(plans)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<TestPlan> shippedPlans() throws Exception {
        List<TestPlan> plans = new ArrayList<>();
        for (Path file : shippedPlanFiles()) {
            plans.add(TestPlans.load(file));
        }
        return plans;
    }

    private static TestPlan withoutRetentionTag(TestPlan plan) {
        return new TestPlan(plan.name(), plan.description(), plan.source(), plan.distro(), null, plan.hostGroups(),
                plan.tests());
    }

    /** cki build's architectures (one file each in cki-build) and every arch a plan names. */
    private static Set<String> arches(TestPlan plan) throws Exception {
        Set<String> arches = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("../cki-build/src/main/resources/cki/build/arches"))) {
            files.forEach(f -> arches.add(f.getFileName().toString().replaceFirst("\\.yaml$", "")));
        }
        assertTrue(arches.contains("x86_64"), arches.toString());
        plan.tests().forEach(t -> arches.addAll(t.arches()));
        return arches;
    }

    /** No tree, every tree a plan names, and one it does not name. */
    private static List<String> trees(TestPlan plan) {
        Set<String> trees = new LinkedHashSet<>();
        trees.add(null);
        plan.tests().stream().map(PlannedTest::trees).forEach(trees::addAll);
        trees.add("some-other-tree");
        return new ArrayList<>(trees);
    }

    /** An uploaded package of a build with a checkout; a local image only; no artifacts at all. */
    private List<BuildJson> builds(String arch) throws Exception {
        Path build = Files.createDirectories(dir.resolve(arch + " build"));
        Files.writeString(build.resolve("a.json"), "{\"version\": 1, \"status\": \"PASS\", \"arch\": \"" + arch + "\", "
                + "\"kernelrelease\": \"6.1.0-cki\", \"kcidb\": {\"id\": \"cki:b<&>'1\", \"checkout_id\": \"cki:c\\\"1\"},"
                + "\"artifacts\": [{\"name\": \"k.tar.gz\", \"kind\": \"package\", \"path\": \"k.tar.gz\", "
                + "\"url\": \"https://s3.example.com/b/k.tar.gz?X-Amz-Signature=a&b=c\"}]}");
        Files.writeString(build.resolve("b.json"), "{\"version\": 1, \"status\": \"PASS\", \"arch\": \"" + arch + "\", "
                + "\"kcidb\": {\"id\": \"cki:b2\"}, \"artifacts\": [{\"name\": \"bzImage\", \"kind\": \"kernel_image\", "
                + "\"path\": \"arch/x86/boot/bz Image\"}]}");
        Files.writeString(build.resolve("c.json"), "{\"version\": 1, \"status\": \"FAIL\", \"arch\": \"" + arch + "\", "
                + "\"kcidb\": {\"id\": \"cki:b3\"}, \"artifacts\": []}");
        return List.of(BuildJson.read(build.resolve("a.json")), BuildJson.read(build.resolve("b.json")),
                BuildJson.read(build.resolve("c.json")));
    }

    /** As BeakerRun picks it: the uploaded package, else the local image's file URI, else a placeholder. */
    private static String kernelUrl(BuildJson build) throws URISyntaxException {
        return build.kernelPackage().flatMap(BuildJson.Artifact::optionalUrl)
                .or(() -> build.kernelImage().map(a -> a.path().toUri().toString()))
                .orElse("file:///kernel-package-missing");
    }

    /** Every job one edit away: each element removed or renamed, each attribute removed or given a bad value. */
    private static List<String> mutants(String xml) throws Exception {
        Document original = parse(xml);
        List<Element> elements = new ArrayList<>();
        collect(original.getDocumentElement(), elements);
        List<String> mutants = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            for (String edit : List.of("remove", "rename", "duplicate")) {
                if (i == 0 && !edit.equals("rename")) {
                    continue;
                }
                Document copy = parse(xml);
                Element element = nth(copy, i);
                switch (edit) {
                    case "remove" -> element.getParentNode().removeChild(element);
                    case "rename" -> copy.renameNode(element, null, element.getTagName() + "x");
                    default -> element.getParentNode().insertBefore(element.cloneNode(true), element);
                }
                mutants.add(serialize(copy));
            }
            int attributes = elements.get(i).getAttributes().getLength();
            for (int a = 0; a < attributes; a++) {
                for (String value : Arrays.asList(null, "", " padded ", "Whenever", "not a uri ^")) {
                    Document copy = parse(xml);
                    Element element = nth(copy, i);
                    Attr attribute = (Attr) element.getAttributes().item(a);
                    if (value == null) {
                        element.removeAttributeNode(attribute);
                    } else {
                        attribute.setValue(value);
                    }
                    mutants.add(serialize(copy));
                }
            }
        }
        return mutants;
    }

    private static void collect(Element element, List<Element> into) {
        into.add(element);
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                collect((Element) children.item(i), into);
            }
        }
    }

    private static Element nth(Document document, int index) {
        List<Element> elements = new ArrayList<>();
        collect(document.getDocumentElement(), elements);
        return elements.get(index);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String serialize(Document document) throws Exception {
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
        return out.toString();
    }
}
