package cki.test.plan;

import java.util.Map;

/**
 * How a test runs on Beaker: the task name, optionally fetched from a URL, with params. The one
 * task that {@code installsKernel} is put first in every recipe and reports the KCIDB boot result.
 * {@code ktapLog} names the task's log that holds KTAP (a KUnit task saves what the booted kernel
 * printed): its suites and cases become the test's results, as under QEMU.
 */
public record BeakerTask(String task, String fetch, Map<String, String> params, boolean installsKernel,
        String ktapLog) {
    public BeakerTask {
        params = params == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(params));
    }
}
