package org.migrationportal.ingest;

import java.time.Instant;

/** A drift check of an environment's live schema. */
public record DriftReportView(
        long id,
        String projectKey,
        String environmentKey,
        Instant checkedAt,
        boolean drifted,
        String diff,
        Instant receivedAt) {}
