package org.migrationportal.approvals.webhooks;

import java.time.Instant;

/** One delivery in the log. */
public record DeliveryView(
        long id,
        long webhookId,
        String webhookName,
        String event,
        String status,
        int attempts,
        Instant createdAt,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        Instant deliveredAt,
        Integer responseStatus,
        String lastError) {}
