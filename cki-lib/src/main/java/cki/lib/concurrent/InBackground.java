package cki.lib.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One input read on another core while the caller reads another (a command's two inputs that each
 * take a while, e.g. the test plan and a patch series). {@link #get()} gives the value or throws what
 * the reading threw, so a {@link cki.lib.cli.UsageException} stays one and the caller decides which
 * input's error is reported first by when it calls {@code get()}.
 */
public final class InBackground<T> {
    private final CompletableFuture<T> future;

    private InBackground(CompletableFuture<T> future) {
        this.future = future;
    }

    public static <T> InBackground<T> start(Supplier<T> reading) {
        return new InBackground<>(CompletableFuture.supplyAsync(reading));
    }

    /** The value, waiting for it; a RuntimeException the reading threw is thrown as it was. */
    public T get() {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
