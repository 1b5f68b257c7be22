package cki.herder;

import java.time.Duration;

/** Waits before a retry; tests and {@code --no-wait} pass one that does not. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = delay -> Thread.sleep(delay.toMillis());
    Sleeper NONE = delay -> { };

    void sleep(Duration delay) throws InterruptedException;
}
