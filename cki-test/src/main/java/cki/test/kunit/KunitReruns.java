package cki.test.kunit;

import cki.lib.results.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rerun before a KUnit failure counts: the suites with a failed case boot again alone
 * ({@code kunit.filter_glob=<suite>}); a case that fails again is FAIL, one that passes the second
 * time is PASS and flaky, and a suite whose every failure turned out flaky passes, flaky, too.
 */
public final class KunitReruns {
    private KunitReruns() {
    }

    /** The suites (as the kernel printed their names) with a failed suite or case result. */
    public static Set<String> failedSuites(List<KtapCase> cases) {
        Map<String, String> suiteNames = new HashMap<>();
        Set<String> failed = new LinkedHashSet<>();
        for (KtapCase ktap : cases) {
            if (ktap.isSuite()) {
                suiteNames.put(ktap.path().get(0), ktap.name());
            }
            if (ktap.status() == Status.FAIL) {
                failed.add(suiteNames.getOrDefault(ktap.path().get(0), ktap.path().get(0)));
            }
        }
        return failed;
    }

    /** The kernel command-line argument that runs only {@code suite}. */
    public static String filter(String suite) {
        return "kunit.filter_glob=" + suite;
    }

    /** {@code first} with the failures of {@code suite} judged again by {@code rerun}. */
    public static List<KtapCase> merge(List<KtapCase> first, List<KtapCase> rerun, String suite) {
        Map<List<String>, KtapCase> again = new HashMap<>();
        String component = null;
        for (KtapCase ktap : rerun) {
            again.put(ktap.path(), ktap);
        }
        for (KtapCase ktap : first) {
            if (ktap.isSuite() && ktap.name().equals(suite)) {
                component = ktap.path().get(0);
            }
        }
        List<KtapCase> merged = new ArrayList<>();
        for (KtapCase ktap : first) {
            KtapCase second = again.get(ktap.path());
            boolean inSuite = ktap.path().get(0).equals(component);
            if (inSuite && !ktap.isSuite() && ktap.status() == Status.FAIL && second != null
                    && second.status() == Status.PASS) {
                merged.add(ktap.rerun(Status.PASS, true));
            } else {
                merged.add(ktap);
            }
        }
        // a failed suite whose cases no longer fail passed on the rerun: flaky, not failed
        List<KtapCase> result = new ArrayList<>();
        for (KtapCase ktap : merged) {
            if (ktap.isSuite() && ktap.path().get(0).equals(component) && ktap.status() == Status.FAIL
                    && merged.stream().noneMatch(c -> !c.isSuite() && c.path().get(0).equals(ktap.path().get(0))
                    && c.status() == Status.FAIL)
                    && again.containsKey(ktap.path()) && again.get(ktap.path()).status() == Status.PASS) {
                result.add(ktap.rerun(Status.PASS, true));
            } else {
                result.add(ktap);
            }
        }
        return result;
    }
}
