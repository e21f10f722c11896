package org.migrationportal.cli.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.migrationportal.cli.scan.Checksums;

/**
 * The portal's pipeline API over {@link HttpClient}: POSTs JSON with the bearer token, retries what is
 * safe to retry, and turns error answers into {@link PortalProblem}s.
 *
 * <p>Every attempt of one request carries the same {@code Idempotency-Key}, derived from the method,
 * path and body bytes, so a retry after a lost response is replayed by the portal, never stored twice.
 */
public final class PortalClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final String token;
    private final HttpClient http;
    private final RetryPolicy retryPolicy;
    private final PrintStream log;
    private final Sleeper sleeper;

    /** Waits between attempts; replaced in tests to keep them fast. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public PortalClient(URI baseUri, String token, RetryPolicy retryPolicy, PrintStream log, Sleeper sleeper) {
        this.baseUri = baseUri;
        this.token = token;
        this.retryPolicy = retryPolicy;
        this.log = log;
        this.sleeper = sleeper;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public PortalClient(URI baseUri, String token, PrintStream log) {
        this(baseUri, token, RetryPolicy.standard(), log, d -> Thread.sleep(d.toMillis()));
    }

    public static String idempotencyKey(String method, String path, byte[] body) {
        byte[] head = (method + " " + path + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return Checksums.sha256(all).substring("sha256:".length());
    }

    public PortalResponse post(String path, JsonNode body)
            throws PortalException, PortalUnreachableException, InterruptedException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        URI uri = resolve(path);
        String key = idempotencyKey("POST", uri.getPath(), bytes);
        // Large manifests (hundreds of migrations, thousands of findings) shrink ~25x; the portal applies its
        // size limit to the decompressed body. Small bodies go as they are.
        boolean gzip = bytes.length >= GZIP_FROM_BYTES;
        byte[] sent = gzip ? gzip(bytes) : bytes;
        Exception lastFailure = null;
        for (int attempt = 1; attempt <= retryPolicy.maxAttempts(); attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .header("Idempotency-Key", key)
                    .header("User-Agent", "portal-cli")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(sent));
            if (gzip) {
                request.header("Content-Encoding", "gzip");
            }
            if (token != null && !token.isBlank()) {
                request.header("Authorization", "Bearer " + token);
            }
            Optional<String> retryAfter = Optional.empty();
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                JsonNode answer = parse(response.body());
                if (status >= 200 && status < 300) {
                    return new PortalResponse(status, answer, attempt);
                }
                PortalProblem problem = PortalProblem.from(status, answer, response.body());
                if (!RetryPolicy.retryableStatus(status)) {
                    throw new PortalException(problem);
                }
                lastFailure = new PortalException(problem);
                retryAfter = response.headers().firstValue("Retry-After");
                log.println(
                        "portal answered " + status + " (attempt " + attempt + "/" + retryPolicy.maxAttempts() + ")");
            } catch (IOException e) {
                lastFailure = e;
                log.println(
                        "portal not reachable: " + e + " (attempt " + attempt + "/" + retryPolicy.maxAttempts() + ")");
            }
            if (attempt < retryPolicy.maxAttempts()) {
                sleeper.sleep(retryPolicy.delayAfter(attempt, retryAfter, Instant.now()));
            }
        }
        if (lastFailure instanceof PortalException pe) {
            throw pe; // the portal answered, just never successfully: show its last problem
        }
        throw new PortalUnreachableException(
                "portal at " + baseUri + " not reachable after " + retryPolicy.maxAttempts() + " attempts: "
                        + lastFailure,
                lastFailure);
    }

    /** Bodies from this size on are sent gzip-compressed. */
    static final int GZIP_FROM_BYTES = 16 * 1024;

    static byte[] gzip(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length / 8 + 64);
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private URI resolve(String path) {
        String base = baseUri.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
