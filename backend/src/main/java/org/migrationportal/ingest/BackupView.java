package org.migrationportal.ingest;

import java.time.Instant;

/** A backup of an environment's database. */
public record BackupView(
        long id,
        String projectKey,
        String environmentKey,
        String backupId,
        Instant takenAt,
        Long sizeBytes,
        String location,
        String method,
        Instant verifiedAt,
        Instant receivedAt) {}
