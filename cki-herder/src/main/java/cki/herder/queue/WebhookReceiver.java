package cki.herder.queue;

import cki.lib.json.Json;
import cki.lib.metrics.Metrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cki herder webhook --listen}: receives GitLab's webhook POSTs and turns each into a persistent
 * message on the broker at once; the work happens in {@code cki herder consume}. An event is answered 200
 * only after the broker confirmed it, and 503 when it did not, so GitLab keeps it and tries again. The
 * secret token is compared in constant time; the body is bounded and must be a JSON object.
 * {@code GET /healthz} says whether the broker is reachable; {@code GET /metrics} is Prometheus text.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("cki.herder.webhook");
    public static final String TOKEN_HEADER = "X-Gitlab-Token";

    private final HttpServer server;
    private final ExecutorService workers;
    private final BrokerLink link;
    private final EventPublisher publisher;
    private final byte[] token;
    private final int maxBodyBytes;
    private final Metrics metrics;
    private final Metrics.Counter events;

    public WebhookReceiver(InetSocketAddress address, BrokerLink link, String token, int maxBodyBytes,
            Metrics metrics) throws IOException {
        this.link = link;
        this.publisher = new EventPublisher(link, java.time.Duration.ofSeconds(10));
        this.token = digest(token.getBytes(StandardCharsets.UTF_8));
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        this.events = metrics.counter("cki_herder_webhook_events_total",
                "webhook requests by result (accepted, or why not)", "result");
        // a client that sends its request slowly must not hold a worker for ever (JDK server defaults: no limit)
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "30"));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "30"));
        this.server = HttpServer.create(address, 128);
        this.workers = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "webhook-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
        LOG.info("listening on http://{}:{}/", server.getAddress().getHostString(), server.getAddress().getPort());
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) && "/healthz".equals(path)) {
                boolean reachable = link.reachable();
                answer(exchange, reachable ? 200 : 503, "application/json",
                        "{\"status\":\"" + (reachable ? "ok" : "broker unreachable") + "\",\"broker\":"
                                + reachable + "}\n");
            } else if ("GET".equals(method) && "/metrics".equals(path)) {
                answer(exchange, 200, Metrics.CONTENT_TYPE, metrics.render());
            } else if ("POST".equals(method) && "/".equals(path)) {
                receive(exchange);
            } else if ("/".equals(path) || "/healthz".equals(path) || "/metrics".equals(path)) {
                exchange.getResponseHeaders().add("Allow", "/".equals(path) ? "POST" : "GET");
                answer(exchange, 405, "text/plain", "method not allowed\n");
            } else {
                answer(exchange, 404, "text/plain", "not found\n");
            }
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        // the body is read (bounded) before any answer: answering and closing while the client still
        // sends makes it see a reset connection instead of the status (the server drains a little more)
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        boolean tooLarge = body.length > maxBodyBytes;
        String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(token, digest(given.getBytes(StandardCharsets.UTF_8)))) {
            reject(exchange, 401, "unauthorized", "missing or wrong " + TOKEN_HEADER);
            return;
        }
        if (tooLarge) {
            reject(exchange, 413, "too_large", "body larger than " + maxBodyBytes + " bytes");
            return;
        }
        JsonNode event;
        try {
            event = Json.mapper().readTree(body);
        } catch (IOException e) {
            event = null;
        }
        if (event == null || !event.isObject()) {
            reject(exchange, 400, "bad_json", "the body is not a JSON object");
            return;
        }
        String kind = event.path("object_kind").asText("");
        String eventHeader = exchange.getRequestHeaders().getFirst("X-Gitlab-Event");
        AMQP.BasicProperties properties = HerderMessage.properties(HerderMessage.GITLAB_EVENT,
                Map.of("x-gitlab-event", eventHeader == null ? "" : eventHeader));
        try {
            publisher.publish(HerderTopology.WEBHOOK_EXCHANGE, HerderTopology.eventRoutingKey(kind), properties, body);
        } catch (IOException e) {
            LOG.warn("event '{}' not accepted: {}", kind, e.getMessage());
            reject(exchange, 503, "broker_unavailable", "the broker did not take the event; try again");
            return;
        }
        events.inc("accepted");
        LOG.debug("event '{}' queued as {}", kind, properties.getMessageId());
        answer(exchange, 200, "application/json", "{\"queued\":\"" + properties.getMessageId() + "\"}\n");
    }

    /** Tokens are compared as SHA-256 digests: constant time, and the length of the secret does not show. */
    private static byte[] digest(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void reject(HttpExchange exchange, int status, String reason, String message) throws IOException {
        events.inc(reason);
        answer(exchange, status, "text/plain", message + "\n");
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
