package org.migrationportal.approvals.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portal.approvals.webhooks.*}.
 *
 * @param allowPrivateAddresses when false (default) URLs that resolve to loopback, private, link-local or
 *                              multicast addresses are refused, so a webhook cannot probe the portal's network
 * @param maxAttempts           attempts before a delivery is marked {@code failed}
 * @param initialBackoff        wait before the second attempt; doubled for each further attempt
 * @param maxBackoff            upper bound of the wait between attempts
 * @param timeout               connect timeout and longest silence between two packets of one attempt
 * @param batchSize             most deliveries attempted per run of the sender
 * @param deadline              total time one attempt may take, answer body included; the connection is cut then
 * @param senderThreads         deliveries sent at once (the sender's own threads, never the scheduler's)
 */
@ConfigurationProperties("portal.approvals.webhooks")
public record WebhookSettings(
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("50") int batchSize,
        @DefaultValue("10s") Duration deadline,
        @DefaultValue("4") int senderThreads) {

    public WebhookSettings {
        if (deadline.compareTo(timeout) < 0) {
            throw new IllegalArgumentException("portal.approvals.webhooks.deadline (" + deadline
                    + ") must be at least the timeout (" + timeout + ")");
        }
        if (senderThreads < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "portal.approvals.webhooks.sender-threads and batch-size must be positive");
        }
    }

    /** Wait after the given number of failed attempts: initial × 2^(failures−1), capped. */
    Duration backoffAfter(int failures) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
