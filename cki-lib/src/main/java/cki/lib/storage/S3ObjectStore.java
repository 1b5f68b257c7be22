package cki.lib.storage;

import cki.lib.http.RetryAfter;
import cki.lib.retry.ResumingInputStream;
import cki.lib.retry.Retry;
import cki.lib.retry.RetrySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 bucket (or S3-compatible server) under a key prefix. Large uploads are multipart and are
 * aborted on any failure, so no partial object ever becomes visible.
 */
public final class S3ObjectStore implements ObjectStore {
    private static final Logger LOG = LoggerFactory.getLogger("cki.lib.storage");
    /** S3's smallest part size; also the size below which a plain PUT is used. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 16 * 1024 * 1024;

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final String publicBase;
    private final int partSize;
    private final RetrySettings retry;

    /**
     * @param prefix key prefix inside the bucket, "" or ending without '/'
     * @param publicBase base URL for {@link #publicUrl}, e.g. {@code https://host/bucket}
     */
    public S3ObjectStore(S3Client client, String bucket, String prefix, String publicBase, int partSize,
            RetrySettings retry) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 part size must be at least " + MIN_PART_SIZE + " bytes");
        }
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        this.publicBase = publicBase.replaceAll("/+$", "");
        this.partSize = partSize;
        this.retry = retry;
    }

    @Override
    public String location() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    private String fullKey(String key) {
        ObjectKeys.check(key);
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    private <T> T call(String description, Retry.Operation<T> operation) throws IOException {
        try {
            return Retry.run(description, retry, LOG, S3ObjectStore::isTransient, S3ObjectStore::retryAfter, operation);
        } catch (NoSuchKeyException e) {
            throw e;
        } catch (SdkClientException e) {
            if (missingCredentials(e)) { // the SDK's message lists every provider it tried: 1,500 characters
                throw new IOException(description + " failed: no S3 credentials: set AWS_ACCESS_KEY_ID and "
                        + "AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, or run where an instance role provides them)", e);
            }
            throw new IOException(description + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException(description + " failed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IOException(description + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (ObjectNotFoundException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // say which object: a bare "Unexpected end of file from server" names nothing
            throw new IOException(description + " failed: " + e.getMessage(), e);
        }
    }

    /** What a 429 or 503 asks to wait (S3's SlowDown carries Retry-After on some servers and proxies). */
    static Optional<Duration> retryAfter(Throwable failure) {
        if (failure instanceof S3Exception s3 && (s3.statusCode() == 429 || s3.statusCode() == 503)
                && s3.awsErrorDetails() != null && s3.awsErrorDetails().sdkHttpResponse() != null) {
            return s3.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")
                    .flatMap(value -> RetryAfter.parse(value, Instant.now()));
        }
        return Optional.empty();
    }

    /** Credentials that are not configured will not appear on a retry: a configuration error. */
    static boolean missingCredentials(Throwable failure) {
        return failure instanceof SdkClientException && failure.getMessage() != null
                && failure.getMessage().startsWith("Unable to load credentials");
    }

    static boolean isTransient(Throwable failure) {
        if (missingCredentials(failure)) {
            return false;
        }
        if (failure instanceof S3Exception s3) {
            return s3.statusCode() >= 500 || s3.statusCode() == 429;
        }
        // the URL-connection client reports some broken connections (a server closing a pooled one
        // mid-request) as UncheckedIOException instead of SdkClientException; they are IO errors all the same
        return failure instanceof SdkClientException || failure instanceof IOException
                || failure instanceof UncheckedIOException;
    }

    @Override
    public void put(String key, Path file) throws IOException {
        long size = Files.size(file);
        if (size <= partSize) {
            String fullKey = fullKey(key);
            call("upload " + location() + "/" + key,
                    () -> client.putObject(b -> b.bucket(bucket).key(fullKey), RequestBody.fromFile(file)));
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            put(key, in, size);
        }
    }

    @Override
    public void put(String key, InputStream content, long length) throws IOException {
        String fullKey = fullKey(key);
        byte[] first = content.readNBytes(partSize);
        if (first.length < partSize) {
            checkLength(key, length, first.length);
            call("upload " + location() + "/" + key,
                    () -> client.putObject(b -> b.bucket(bucket).key(fullKey), RequestBody.fromBytes(first)));
            return;
        }
        multipart(key, fullKey, first, content, length);
    }

    private void multipart(String key, String fullKey, byte[] first, InputStream content, long length)
            throws IOException {
        String uploadId = call("start multipart upload of " + key,
                () -> client.createMultipartUpload(b -> b.bucket(bucket).key(fullKey)).uploadId());
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            byte[] part = first;
            int number = 1;
            while (part.length > 0) {
                byte[] bytes = part;
                int partNumber = number;
                String etag = call("upload part " + partNumber + " of " + key,
                        () -> client.uploadPart(b -> b.bucket(bucket).key(fullKey).uploadId(uploadId)
                                .partNumber(partNumber), RequestBody.fromBytes(bytes)).eTag());
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                total += bytes.length;
                LOG.debug("uploaded part {} of {} ({} bytes so far)", partNumber, key, total);
                number++;
                part = content.readNBytes(partSize);
            }
            checkLength(key, length, total);
            call("complete multipart upload of " + key, () -> client.completeMultipartUpload(b -> b.bucket(bucket)
                    .key(fullKey).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())));
            completed = true;
        } finally {
            if (!completed) {
                abort(key, fullKey, uploadId);
            }
        }
    }

    private void abort(String key, String fullKey, String uploadId) {
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(fullKey).uploadId(uploadId));
            LOG.info("aborted the unfinished upload of {}", key);
        } catch (SdkException e) {
            LOG.warn("could not abort the unfinished upload of {} (the bucket's lifecycle rule cleans it up): {}",
                    key, e.getMessage());
        }
    }

    private static void checkLength(String key, long expected, long actual) throws IOException {
        if (expected >= 0 && expected != actual) {
            throw new IOException("short upload of '" + key + "': expected " + expected + " bytes, got " + actual);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        String fullKey = fullKey(key);
        String what = "download " + location() + "/" + key;
        ResponseInputStream<GetObjectResponse> first;
        try {
            first = call(what, () -> client.getObject(b -> b.bucket(bucket).key(fullKey)));
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(location(), key);
        }
        // the rest of the same object (If-Match: its ETag) when the connection drops on the way
        String etag = first.response().eTag();
        return new ResumingInputStream(what, retry, LOG, first, offset -> openAt(key, offset, etag));
    }

    /** Object {@code key} from byte {@code offset} on, if its ETag is still {@code etag}. */
    InputStream openAt(String key, long offset, String etag) throws IOException {
        String fullKey = fullKey(key);
        ResponseInputStream<GetObjectResponse> rest = call("download " + location() + "/" + key + " from byte " + offset,
                () -> client.getObject(b -> b.bucket(bucket).key(fullKey).range("bytes=" + offset + "-").ifMatch(etag)));
        if (rest.response().contentRange() == null) { // a server that ignores Range sends it all again
            rest.skipNBytes(offset);
        }
        return rest;
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        String fullKey = fullKey(key);
        try {
            HeadObjectResponse head = call("stat " + location() + "/" + key,
                    () -> client.headObject(b -> b.bucket(bucket).key(fullKey)));
            return Optional.of(new ObjectInfo(key, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (e.getCause() instanceof S3Exception s3 && s3.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ObjectInfo> list(String keyPrefix) throws IOException {
        String checked = ObjectKeys.checkPrefix(keyPrefix);
        String full = prefix.isEmpty() ? checked : prefix + "/" + checked;
        int strip = prefix.isEmpty() ? 0 : prefix.length() + 1;
        List<ObjectInfo> found = new ArrayList<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(full).build();
        List<S3Object> objects = call("list " + location() + "/" + checked,
                () -> client.listObjectsV2Paginator(request).contents().stream().toList());
        for (S3Object object : objects) {
            found.add(new ObjectInfo(object.key().substring(strip), object.size(), object.lastModified()));
        }
        return found;
    }

    @Override
    public void delete(String key) throws IOException {
        String fullKey = fullKey(key);
        call("delete " + location() + "/" + key, () -> client.deleteObject(b -> b.bucket(bucket).key(fullKey)));
    }

    @Override
    public String publicUrl(String key) {
        return publicBase + "/" + fullKey(key);
    }

    @Override
    public void close() {
        client.close();
    }
}
