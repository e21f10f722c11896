package org.migrationportal.approvals.webhooks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Posts one webhook body. Every connection goes to an address the URL policy accepted in the same
 * look-up ({@link ValidatingDnsResolver}); redirects, proxies from system properties, retries and cookies are
 * off. A watchdog cuts the attempt at the deadline however the receiver behaves (headers then silence, one
 * byte a second, an endless body), so a slow receiver costs one sender thread for at most the deadline.
 */
final class WebhookTransport implements AutoCloseable {

    /** What one attempt came to: the HTTP status if an answer arrived, and an error unless it was 2xx. */
    record Outcome(Integer status, String error) {
        boolean delivered() {
            return error == null;
        }
    }

    private final CloseableHttpClient client;
    private final ScheduledExecutorService watchdog;
    private final Duration deadline;

    WebhookTransport(
            WebhookUrlPolicy policy,
            HostResolver resolver,
            WebhookSettings settings,
            ScheduledExecutorService watchdog) {
        this.watchdog = watchdog;
        this.deadline = settings.deadline();
        Timeout timeout = Timeout.of(settings.timeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new ValidatingDnsResolver(resolver, policy))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .build())
                        .setMaxConnTotal(settings.senderThreads())
                        .setMaxConnPerRoute(settings.senderThreads())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .build())
                // A 3xx could point the portal at an address the URL check refused.
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("migration-compliance-portal")
                .build();
    }

    Outcome post(URI uri, Map<String, String> headers, String body) {
        HttpPost request = new HttpPost(uri);
        headers.forEach(request::setHeader);
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        AtomicBoolean cut = new AtomicBoolean();
        ScheduledFuture<?> guard = watchdog.schedule(
                () -> {
                    cut.set(true);
                    request.cancel();
                },
                deadline.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            // The client reads (and drops) the rest of the body after the handler: the watchdog bounds that too.
            int status = client.execute(request, response -> response.getCode());
            if (cut.get()) {
                return new Outcome(status, deadlineError());
            }
            return new Outcome(status, status >= 200 && status < 300 ? null : "HTTP " + status);
        } catch (IOException | RuntimeException e) {
            if (cut.get()) {
                return new Outcome(null, deadlineError());
            }
            ValidatingDnsResolver.RefusedAddressException refused = refusal(e);
            if (refused != null) {
                return new Outcome(null, "not sent: " + refused.getMessage());
            }
            return new Outcome(
                    null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            guard.cancel(false);
        }
    }

    private String deadlineError() {
        return "cut off: no complete answer within the deadline of " + deadline.toMillis() + " ms";
    }

    private static ValidatingDnsResolver.RefusedAddressException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ValidatingDnsResolver.RefusedAddressException refused) {
                return refused;
            }
        }
        return null;
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
