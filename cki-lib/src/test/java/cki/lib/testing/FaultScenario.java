package cki.lib.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cki.lib.http.HttpClients;
import cki.lib.http.RetryingHttpClient;
import cki.lib.logging.LogCapture;
import cki.lib.logging.LogLevel;
import cki.lib.retry.RetrySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * The fault sequences every network client of cki must survive the same way: the one table each client's
 * test runs in full ({@code @EnumSource(FaultScenario.class)}), so a client cannot skip a fault. A scenario
 * answers the client's requests to one endpoint with its faults, then lets the client's service fake
 * answer. What every client must do:
 * <ul>
 * <li>transient faults (5xx, 429, a reset connection, no answer within the read timeout, an answer whose
 * connection drops halfway through its body) are retried with backoff and every retry is logged at WARN
 * with its cause;</li>
 * <li>429 and 503 with {@code Retry-After} wait as long as asked (here 1 s, against a 10 ms backoff);</li>
 * <li>401 and 404 fail at once, after one request;</li>
 * <li>a fault that does not go away fails after {@link #SETTINGS}' attempts.</li>
 * </ul>
 * Clients use {@link #SETTINGS} and a read timeout of {@link #READ_TIMEOUT}.
 */
public enum FaultScenario {
    RECOVERS_AFTER_TWO_503(Outcome.SUCCEEDS, "503", status(503), status(503)),
    HONOURS_RETRY_AFTER_ON_429(Outcome.SUCCEEDS, "429", retryAfter(429)),
    HONOURS_RETRY_AFTER_ON_503(Outcome.SUCCEEDS, "503", retryAfter(503)),
    RETRIES_A_RESET_CONNECTION(Outcome.SUCCEEDS, null, reset()),
    RETRIES_A_HANGING_SERVER(Outcome.SUCCEEDS, null, hang()),
    RETRIES_A_BODY_CUT_SHORT(Outcome.SUCCEEDS, "cut short", cutShort()),
    FAILS_AT_ONCE_ON_404(Outcome.FAILS_AT_ONCE, null, status(404)),
    FAILS_AT_ONCE_ON_401(Outcome.FAILS_AT_ONCE, null, status(401)),
    GIVES_UP_ON_500_EVERY_TIME(Outcome.GIVES_UP, "500", status(500), status(500), status(500), status(500),
            status(500), status(500));

    /** Tiny backoff so a client that ignores Retry-After comes back within milliseconds. */
    public static final RetrySettings SETTINGS =
            new RetrySettings(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(20));
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /** A compile-time constant: the enum constants above are built before any other static field. */
    static final long RETRY_AFTER_SECONDS = 1;

    enum Outcome { SUCCEEDS, FAILS_AT_ONCE, GIVES_UP }

    /**
     * One fault: a canned answer, or a socket effect with no answer; or (cutShort) the service's own answer
     * with the connection dropped halfway through its body.
     */
    record Fault(MockResponse response, boolean retryAfter, boolean cutShort) {
        Fault(MockResponse response, boolean retryAfter) {
            this(response, retryAfter, false);
        }
    }

    private final Outcome outcome;
    private final String loggedStatus;
    private final List<Fault> faults;

    FaultScenario(Outcome outcome, String loggedStatus, Fault... faults) {
        this.outcome = outcome;
        this.loggedStatus = loggedStatus;
        this.faults = List.of(faults);
    }

    private static Fault status(int code) {
        return new Fault(new MockResponse.Builder().code(code).addHeader("Content-Type", "text/plain")
                .body("injected " + code).build(), false);
    }

    private static Fault retryAfter(int code) {
        return new Fault(new MockResponse.Builder().code(code).addHeader("Retry-After", RETRY_AFTER_SECONDS)
                .addHeader("Content-Type", "text/plain").body("injected " + code).build(), true);
    }

    private static Fault reset() {
        return new Fault(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build(), false);
    }

    /**
     * What a proxy restarting or a network blip does to a large download (a Patchwork series, a trace, a
     * tarball): the answer starts, its Content-Length says how much is coming, and the connection drops
     * halfway through the body. A client that reads the body must ask again (a GET may ask for the rest
     * only); a client whose answer has no body has all it needs.
     */
    private static Fault cutShort() {
        return new Fault(null, false, true);
    }

    private static Fault hang() {
        return new Fault(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build(), false);
    }

    /** A retrying HTTP client with the scenarios' settings and read timeout. */
    public static RetryingHttpClient httpClient() {
        return new RetryingHttpClient(HttpClients.builder().readTimeout(READ_TIMEOUT).build(), SETTINGS);
    }

    /** A service that answers every request 200 with a plain-text body. */
    public static Dispatcher answering(String body) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().addHeader("Content-Type", "text/plain").body(body).build();
            }
        };
    }

    /**
     * Installs the scenario on {@code server}: requests matching {@code endpoint} get the faults first,
     * everything else (and the endpoint after the faults) goes to {@code service}.
     */
    public Injector inject(MockWebServer server, Predicate<RecordedRequest> endpoint, Dispatcher service) {
        Injector injector = new Injector(endpoint, service, faults);
        server.setDispatcher(injector);
        return injector;
    }

    /** Runs the client's call and checks what it did against the scenario. */
    public void verify(Injector injector, Callable<?> call) throws Exception {
        try (LogCapture log = new LogCapture(LogLevel.WARN)) {
            switch (outcome) {
                case SUCCEEDS -> {
                    try {
                        call.call();
                    } catch (Exception e) {
                        fail(this + ": the call failed: " + e + "\nlog:\n" + log.text(), e);
                    }
                    // a cut answer need not be asked for again by a client that needs no body, or that
                    // learns another way what its POST did (so that nothing is created twice)
                    long cuts = faults.stream().filter(Fault::cutShort).count();
                    assertTrue(injector.requests() <= faults.size() + 1 && injector.requests() >= faults.size() + 1 - cuts,
                            this + ": " + injector.requests() + " requests to the endpoint; log:\n" + log.text());
                }
                case FAILS_AT_ONCE -> {
                    assertThrows(Exception.class, call::call, this + ": must fail");
                    assertEquals(1, injector.requests(), this + ": a permanent error is not retried");
                }
                case GIVES_UP -> {
                    assertThrows(Exception.class, call::call, this + ": must give up");
                    assertEquals(SETTINGS.maxAttempts(), injector.requests(), this + ": attempts");
                }
            }
            int retries = injector.requests() - 1;
            long warnings = log.text().lines().filter(line -> line.contains(" WARN ")).count();
            assertTrue(warnings >= retries, this + ": " + retries + " retries, " + warnings
                    + " WARN lines; every retry is logged with its cause:\n" + log.text());
            if (loggedStatus != null && retries > 0) {
                assertTrue(log.text().contains(loggedStatus), this + ": the log names the cause " + loggedStatus
                        + ":\n" + log.text());
            }
            for (int i = 0; i < faults.size() && i + 1 < injector.times.size(); i++) {
                if (faults.get(i).retryAfter()) {
                    long waited = injector.times.get(i + 1) - injector.times.get(i);
                    assertTrue(waited >= RETRY_AFTER_SECONDS * 1000 - 100, this + ": waited " + waited
                            + " ms after Retry-After: " + RETRY_AFTER_SECONDS);
                }
            }
        }
    }

    /** Serves the faults to the endpoint, counting its requests and when they came. */
    public static final class Injector extends Dispatcher {
        private final Predicate<RecordedRequest> endpoint;
        private final Dispatcher service;
        private final List<Fault> pending;
        final List<Long> times = Collections.synchronizedList(new ArrayList<>());

        Injector(Predicate<RecordedRequest> endpoint, Dispatcher service, List<Fault> faults) {
            this.endpoint = endpoint;
            this.service = service;
            this.pending = new ArrayList<>(faults);
        }

        public int requests() {
            return times.size();
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (endpoint.test(request)) {
                times.add(System.currentTimeMillis());
                synchronized (pending) {
                    if (!pending.isEmpty()) {
                        Fault fault = pending.remove(0);
                        if (!fault.cutShort()) {
                            return fault.response();
                        }
                        return service.dispatch(request).newBuilder().onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build();
                    }
                }
            }
            return service.dispatch(request);
        }
    }
}
