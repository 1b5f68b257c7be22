package cki.test.plan;

import java.util.Map;

/**
 * How a test runs on Beaker: the task name, optionally fetched from a URL, with params. The one
 * task that {@code installsKernel} is put first in every recipe and reports the KCIDB boot result.
 */
public record BeakerTask(String task, String fetch, Map<String, String> params, boolean installsKernel) {
    public BeakerTask {
        params = params == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(params));
    }
}
