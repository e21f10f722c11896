package org.migrationportal.audit;

import java.time.Instant;

/**
 * An audit entry as read from the trail: exactly the fields that are hash-chained, in canonical order
 * (see {@link AuditCanonicalForm}).
 */
public record AuditEntryView(
        long id,
        Instant occurredAt,
        String actor,
        String actorType,
        String action,
        String projectKey,
        String environmentKey,
        String targetType,
        String targetId,
        String clientAddress,
        String details) {}
