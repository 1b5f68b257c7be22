package cki.build.gitcache;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A git forge over smart HTTP on loopback: git's own {@code git http-backend} as CGI behind the
 * JDK's HTTP server, with HTTP basic authentication like a forge that wants a token. While it
 * answers a request it also looks at every process's argument list for the password, as anyone on
 * the machine could.
 */
final class GitHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Path root;
    private final String authorization;
    private final String password;
    final List<String> passwordsSeenInArgv = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    /** Serves the repositories under {@code root} to {@code user}:{@code password}. */
    GitHttpServer(Path root, String user, String password) throws IOException {
        this.root = root;
        this.password = password;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of {@code path} (e.g. "owner/repo.git"), without credentials. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            lookForThePasswordInArgv();
            String given = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(given));
            if (!authorization.equals(given)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"forge\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            cgi(exchange);
        }
    }

    private void cgi(HttpExchange exchange) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = builder.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getRawPath());
        env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? ""
                : exchange.getRequestURI().getRawQuery());
        env.put("REMOTE_USER", "user");
        env.put("REMOTE_ADDR", "127.0.0.1");
        header(exchange, "Content-Type", env, "CONTENT_TYPE");
        header(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
        header(exchange, "Git-Protocol", env, "GIT_PROTOCOL");
        Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread feeder = new Thread(() -> {
            try (OutputStream in = process.getOutputStream(); InputStream body = exchange.getRequestBody()) {
                body.transferTo(in);
            } catch (IOException e) {
                // the backend stopped reading: its answer says why
            }
        });
        feeder.start();
        byte[] output = process.getInputStream().readAllBytes();
        int end = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        int skip = 4;
        if (end < 0) {
            end = indexOf(output, "\n\n".getBytes(StandardCharsets.ISO_8859_1));
            skip = 2;
        }
        int status = 200;
        for (String line : new String(output, 0, Math.max(end, 0), StandardCharsets.ISO_8859_1).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(output, end < 0 ? 0 : end + skip, output.length);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void header(HttpExchange exchange, String name, Map<String, String> env, String variable) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
            env.put(variable, value);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Every argument list on the machine that holds the password, while git is talking to us. */
    private void lookForThePasswordInArgv() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    byte[] cmdline = Files.readAllBytes(p.resolve("cmdline"));
                    String argv = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ');
                    if (argv.contains(password)) {
                        passwordsSeenInArgv.add(argv);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
