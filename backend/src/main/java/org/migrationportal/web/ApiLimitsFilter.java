package org.migrationportal.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.migrationportal.identity.ApiTokenPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every API call outside ingest, after authentication: a per-token, per-endpoint-group rate limit (429 with
 * Retry-After) and a body-size limit (413), checked on the declared length before anything is read and on the
 * bytes actually read for a body without one. Buckets live in a bounded cache, so many tokens cannot grow memory.
 */
class ApiLimitsFilter extends OncePerRequestFilter {

    private final ApiLimitProperties properties;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    ApiLimitsFilter(ApiLimitProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiEndpointGroup group = ApiEndpointGroup.of(request);
        ApiTokenPrincipal caller = caller();
        if (group == ApiEndpointGroup.INGEST || caller == null) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe = buckets.get(group.key + ":" + caller.publicId(), k -> newBucket(group))
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            response.setHeader("Retry-After", String.valueOf(seconds));
            FilterProblems.write(
                    request,
                    response,
                    429,
                    "rate-limited",
                    "Too many requests",
                    "This token sent more than " + properties.perSecond(group) + " requests per second to the "
                            + group.key + " endpoints; retry after " + seconds + " s.",
                    List.of());
            return;
        }
        long limit = properties.maxBodySize(group).toBytes();
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response, limit);
            return;
        }
        try {
            chain.doFilter(new LimitedBodyRequest(request, limit), response);
        } catch (ServletException | IOException | RuntimeException failure) {
            if (!BodyTooLargeException.isCause(failure) || response.isCommitted()) {
                throw failure;
            }
            response.resetBuffer();
            tooLarge(request, response, limit);
        }
    }

    private Bucket newBucket(ApiEndpointGroup group) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(properties.burst(group))
                        .refillGreedy(properties.perSecond(group), Duration.ofSeconds(1)))
                .build();
    }

    static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        FilterProblems.write(
                request,
                response,
                413,
                "too-large",
                "Request body too large",
                "The body exceeds the limit of " + limit + " bytes for this endpoint.",
                List.of());
    }

    private static ApiTokenPrincipal caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ApiTokenPrincipal token
                ? token
                : null;
    }

    /** Thrown while reading a body past its limit; Spring MVC wraps it, the handler answers 413. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("request body over " + limit + " bytes");
        }

        static boolean isCause(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof BodyTooLargeException) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The request whose body stream fails once more than {@code limit} bytes have been read. */
    private static final class LimitedBodyRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream limited;

        LimitedBodyRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                ServletInputStream in = super.getInputStream();
                limited = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws BodyTooLargeException {
                        read += n;
                        if (read > limit) {
                            throw new BodyTooLargeException(limit);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return limited;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
