package org.migrationportal.approvals.webhooks;

import java.time.Instant;
import java.util.List;

/** A webhook as pages show it: never its secret. */
public record WebhookView(
        long id,
        String name,
        String url,
        String format,
        List<String> events,
        boolean enabled,
        String createdBy,
        Instant createdAt) {}
