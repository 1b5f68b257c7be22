package cki.lib.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The AWS SDK's HTTP transport on cki's OkHttp client. The SDK's URL-connection client runs on
 * {@code HttpURLConnection}, which silently sends a GET again when a kept-alive connection was reset:
 * a retry nobody logs. OkHttp built by {@code HttpClients} never resends by itself, so every retry of an
 * S3 call is one of {@code S3ObjectStore}'s, logged with its cause.
 */
final class OkHttpSdkClient implements SdkHttpClient {
    /** Headers OkHttp sets itself from the body and the URL. */
    private static final Set<String> OWN_HEADERS = Set.of("host", "content-length", "transfer-encoding", "expect",
            "connection");

    private final OkHttpClient client;

    OkHttpSdkClient(OkHttpClient client) {
        if (client.retryOnConnectionFailure()) {
            throw new IllegalArgumentException("the S3 transport must not resend requests on its own");
        }
        this.client = client;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        Call call = client.newCall(toOkHttp(request));
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                Response response = call.execute();
                SdkHttpResponse.Builder head = SdkHttpResponse.builder().statusCode(response.code())
                        .statusText(response.message());
                for (Map.Entry<String, List<String>> header : response.headers().toMultimap().entrySet()) {
                    head.putHeader(header.getKey(), header.getValue());
                }
                HttpExecuteResponse.Builder result = HttpExecuteResponse.builder().response(head.build());
                if (response.body() != null) {
                    result.responseBody(AbortableInputStream.create(response.body().byteStream(), response::close));
                }
                return result.build();
            }

            @Override
            public void abort() {
                call.cancel();
            }
        };
    }

    private static Request toOkHttp(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        Request.Builder builder = new Request.Builder().url(http.getUri().toString());
        http.forEachHeader((name, values) -> {
            if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.addHeader(name, value));
            }
        });
        // OkHttp would ask for gzip and unpack it unseen, changing the bytes of a stored .gz object
        if (http.firstMatchingHeader("Accept-Encoding").isEmpty()) {
            builder.header("Accept-Encoding", "identity");
        }
        long length = http.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(-1L);
        RequestBody body = request.contentStreamProvider()
                .map(provider -> (RequestBody) new StreamBody(provider::newStream, length)).orElse(null);
        String method = http.method().name();
        if (body == null && (method.equals("PUT") || method.equals("POST") || method.equals("PATCH"))) {
            body = RequestBody.create(new byte[0]);
        }
        return builder.method(method, body).build();
    }

    /** A request body read from the SDK's stream provider (a new stream per write). */
    private static final class StreamBody extends RequestBody {
        private final Supplier<InputStream> streams;
        private final long length;

        StreamBody(Supplier<InputStream> streams, long length) {
            this.streams = streams;
            this.length = length;
        }

        @Override
        public MediaType contentType() {
            return null;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            try (Source source = Okio.source(streams.get())) {
                sink.writeAll(source);
            }
        }
    }

    @Override
    public String clientName() {
        return "cki-okhttp";
    }

    @Override
    public void close() {
        // the OkHttp client's pool and threads end when idle; it may be shared
    }
}
