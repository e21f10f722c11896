package org.migrationportal.ingest;

/** A known revision arrived with a checksum never seen before: a new version was stored (the change is recorded, not hidden). */
public record MigrationChanged(
        long migrationId,
        String projectKey,
        String revision,
        String previousChecksum,
        String newChecksum,
        long ciRunId) {}
