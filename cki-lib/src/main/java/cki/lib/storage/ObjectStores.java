package cki.lib.storage;

import cki.lib.config.Environment;
import cki.lib.http.HttpClients;
import cki.lib.retry.RetrySettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import okhttp3.OkHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Opens the object store a URL names: {@code s3://bucket/prefix}, {@code file:///dir} or a plain path. */
public final class ObjectStores {
    private ObjectStores() {
    }

    public static ObjectStore open(String url) throws IOException {
        return open(url, Environment.system());
    }

    /**
     * @throws IllegalArgumentException when the URL is not a store URL (a usage error)
     */
    public static ObjectStore open(String url, Environment environment) throws IOException {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("object store URL is empty (use s3://bucket/prefix or file:///dir)");
        }
        if (url.startsWith("s3://")) {
            return openS3(parse(url), environment);
        }
        if (url.startsWith("file:")) {
            return new LocalObjectStore(Path.of(parse(url)));
        }
        if (url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("unsupported object store URL '" + url
                    + "' (use s3://bucket/prefix or file:///dir)");
        }
        return new LocalObjectStore(Path.of(url));
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid object store URL '" + url + "': " + e.getReason());
        }
    }

    private static ObjectStore openS3(URI uri, Environment environment) {
        String bucket = uri.getHost();
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("object store URL '" + uri + "' names no bucket (s3://bucket/prefix)");
        }
        String prefix = uri.getPath() == null ? "" : uri.getPath();
        String region = environment.getOrDefault("CKI_S3_REGION", environment.getOrDefault("AWS_REGION", "us-east-1"));
        String endpoint = environment.get("CKI_S3_ENDPOINT").orElse(null);
        S3Client client = s3Client(environment, region, endpoint);
        String publicBase = environment.get("CKI_S3_PUBLIC_URL").orElse(endpoint != null
                ? endpoint.replaceAll("/+$", "") + "/" + bucket
                : "https://" + bucket + ".s3." + region + ".amazonaws.com");
        return new S3ObjectStore(client, bucket, prefix, publicBase, S3ObjectStore.DEFAULT_PART_SIZE,
                RetrySettings.fromEnvironment(environment));
    }

    /** An S3 client for AWS or, with an endpoint, an S3-compatible server with path-style access. */
    public static S3Client s3Client(Environment environment, String region, String endpoint) {
        return s3Client(environment, region, endpoint, HttpClients.of(environment));
    }

    /** Same, over the given OkHttp client (tests set short timeouts); it must not resend on its own. */
    public static S3Client s3Client(Environment environment, String region, String endpoint, OkHttpClient http) {
        var builder = S3Client.builder()
                .httpClient(new OkHttpSdkClient(http))
                .region(Region.of(region))
                .credentialsProvider(credentials(environment))
                // cki retries with its own logged backoff; the SDK's silent retries would multiply attempts
                .overrideConfiguration(c -> c.retryStrategy(s -> s.maxAttempts(1)));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Environment environment) {
        var key = environment.get("AWS_ACCESS_KEY_ID");
        var secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (key.isPresent() && secret.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.get(), secret.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
