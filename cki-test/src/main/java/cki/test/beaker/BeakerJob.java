package cki.test.beaker;

import cki.test.plan.HostRequirement;
import java.util.List;
import java.util.Map;

/**
 * A Beaker job as data, before it becomes XML: one recipe set per host group, each with one recipe
 * whose first task installs the kernel under test. {@link BeakerJobXml} renders it.
 */
public record BeakerJob(String whiteboard, String retentionTag, List<RecipeSet> recipeSets) {

    public BeakerJob {
        recipeSets = List.copyOf(recipeSets);
    }

    /** One recipe set: the machines of one host group. */
    public record RecipeSet(String hostGroup, Recipe recipe) {
    }

    /** One recipe: what to install on which machine and the tasks to run there. */
    public record Recipe(String whiteboard, Map<String, String> distroRequires, List<HostRequirement> hostRequires,
            String watchdogPanic, List<Task> tasks) {
        public Recipe {
            distroRequires = Map.copyOf(distroRequires);
            hostRequires = List.copyOf(hostRequires);
            tasks = List.copyOf(tasks);
        }
    }

    /** One task: a Beaker task name, fetched from a URL when given, with its params in order. */
    public record Task(String name, String fetchUrl, Map<String, String> params) {
    }

    /**
     * The same job with a token unique to one submission in its whiteboard: the token finds the job again
     * when the hub stored an upload whose answer was lost (see {@link BeakerClient#upload}).
     */
    public BeakerJob withSubmissionToken(String token) {
        return new BeakerJob(whiteboard + " [" + token + "]", retentionTag, recipeSets);
    }

    /** A fresh submission token. */
    public static String newSubmissionToken() {
        return "cki-submission-" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** The same job with only the recipe sets of the given host group (for resubmitting it). */
    public BeakerJob only(String hostGroup) {
        return new BeakerJob(whiteboard + " (resubmitted " + hostGroup + ")", retentionTag,
                recipeSets.stream().filter(set -> set.hostGroup().equals(hostGroup)).toList());
    }
}
