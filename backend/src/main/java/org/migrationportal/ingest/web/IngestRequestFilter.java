package org.migrationportal.ingest.web;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.migrationportal.identity.ApiTokenPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * In front of the ingest endpoints, after authentication: the per-token rate limit (429 + Retry-After),
 * gzip request bodies (400 when broken, 415 for other encodings), the body size limit after decoding (413), and the {@code Idempotency-Key} header (replay, 422 on a different body,
 * 409 while the first request is in flight).
 */
class IngestRequestFilter extends OncePerRequestFilter {

    static final Pattern PATHS = Pattern.compile("/api/v1/(ci-runs|deployments|backups|drift-reports)(/.*)?");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E][\\x20-\\x7E]{0,254}");

    private final IngestProperties properties;
    private final IdempotencyKeys keys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    IngestRequestFilter(IngestProperties properties, IdempotencyKeys keys) {
        this.properties = properties;
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATHS.matcher(request.getRequestURI()
                        .substring(request.getContextPath().length()))
                .matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ApiTokenPrincipal> caller = caller();
        if (caller.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String tokenRef = caller.get().publicId();
        ConsumptionProbe probe =
                buckets.computeIfAbsent(tokenRef, k -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            response.setHeader("Retry-After", String.valueOf(seconds));
            Problems.write(
                    request,
                    response,
                    429,
                    "rate-limited",
                    "Too many requests",
                    "This token sent more than " + properties.rateLimit().perSecond()
                            + " requests per second; retry after " + seconds + " s.");
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        long limit = properties.maxBodyBytes().toBytes();
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response, limit);
            return;
        }
        GzipBodies.Outcome read =
                GzipBodies.read(request.getInputStream(), request.getHeader("Content-Encoding"), limit);
        if (read instanceof GzipBodies.Outcome.TooLarge) {
            tooLarge(request, response, limit);
            return;
        }
        if (read instanceof GzipBodies.Outcome.Malformed malformed) {
            Problems.write(request, response, 400, "bad-encoding", "Body cannot be decoded", malformed.why());
            return;
        }
        if (read instanceof GzipBodies.Outcome.UnsupportedEncoding unsupported) {
            response.setHeader("Accept-Encoding", "gzip");
            Problems.write(
                    request,
                    response,
                    415,
                    "unsupported-encoding",
                    "Unsupported Content-Encoding",
                    "Content-Encoding " + unsupported.encoding() + " is not supported: send gzip or no encoding.");
            return;
        }
        byte[] body = ((GzipBodies.Outcome.Decoded) read).body();
        HttpServletRequest cached = new CachedBodyRequest(request, body);
        String key = request.getHeader("Idempotency-Key");
        if (key == null) {
            // The answer (a receipt or a problem) is small: held until the end it goes out in one write with a
            // Content-Length, rather than flushed early as a chunk and a second write ending the chunked body.
            ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
            try {
                chain.doFilter(cached, buffered);
            } finally {
                buffered.copyBodyToResponse();
            }
            return;
        }
        if (!KEY.matcher(key).matches()) {
            Problems.write(
                    request,
                    response,
                    400,
                    "idempotency-key",
                    "Invalid Idempotency-Key",
                    "The Idempotency-Key header must be 1 to 255 printable ASCII characters.");
            return;
        }
        String digest = sha256(body);
        if (!keys.claim(tokenRef, key, digest)) {
            Optional<IdempotencyKeys.Stored> stored = keys.find(tokenRef, key);
            if (stored.isPresent() && !stored.get().requestSha256().equals(digest)) {
                Problems.write(
                        request,
                        response,
                        422,
                        "idempotency-key-reused",
                        "Idempotency-Key reused",
                        "This Idempotency-Key was already used with a different request body.");
                return;
            }
            if (stored.isPresent() && "done".equals(stored.get().state())) {
                replay(response, stored.get());
                return;
            }
            if (stored.isEmpty()
                    ? !keys.claim(tokenRef, key, digest)
                    : !keys.takeOverAbandoned(tokenRef, key, stored.get())) {
                response.setHeader("Retry-After", "1");
                Problems.write(
                        request,
                        response,
                        409,
                        "idempotency-key-in-flight",
                        "Request in progress",
                        "A request with this Idempotency-Key is still being processed; retry shortly.");
                return;
            }
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(cached, captured);
            int status = captured.getStatus();
            if (status < 500 && status != 429) {
                keys.complete(
                        tokenRef,
                        key,
                        status,
                        captured.getHeader("Location"),
                        new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8));
                completed = true;
            }
        } finally {
            if (!completed) {
                try {
                    keys.release(tokenRef, key);
                } catch (RuntimeException ignored) {
                    // The claim is taken over after abandonAfter; natural keys still prevent duplicates.
                }
            }
            captured.copyBodyToResponse();
        }
    }

    private static void replay(HttpServletResponse response, IdempotencyKeys.Stored stored) throws IOException {
        response.setStatus(stored.status());
        if (stored.location() != null) {
            response.setHeader("Location", stored.location());
        }
        response.setHeader("Idempotency-Replayed", "true");
        response.setContentType(stored.status() >= 400 ? "application/problem+json" : "application/json");
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(properties.rateLimit().burst())
                        .refillGreedy(properties.rateLimit().perSecond(), Duration.ofSeconds(1)))
                .build();
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit)
            throws IOException {
        Problems.write(
                request,
                response,
                413,
                "too-large",
                "Request body too large",
                "The body exceeds the limit of " + limit + " bytes.");
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<ApiTokenPrincipal> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ApiTokenPrincipal token
                ? Optional.of(token)
                : Optional.empty();
    }

    /** The request with its body already read, so the body can be hashed and then parsed. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new BufferedReader(
                    new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        /** The body is decoded already: nothing after this filter may decode it again. */
        @Override
        public String getHeader(String name) {
            return "Content-Encoding".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return "Content-Encoding".equalsIgnoreCase(name)
                    ? java.util.Collections.emptyEnumeration()
                    : super.getHeaders(name);
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
