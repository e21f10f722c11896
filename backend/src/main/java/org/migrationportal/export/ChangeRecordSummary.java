package org.migrationportal.export;

import java.time.Instant;

/** A line of the change-record list. */
public record ChangeRecordSummary(
        long deploymentId,
        String projectKey,
        String environmentKey,
        String toRevision,
        String commitSha,
        String status,
        Instant startedAt,
        String deployerType,
        String deployerName) {}
