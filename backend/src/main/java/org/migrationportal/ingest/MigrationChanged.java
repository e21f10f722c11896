package org.migrationportal.ingest;

/** A known revision arrived with a different checksum than the catalogue held (the change is recorded, not hidden). */
public record MigrationChanged(
        long migrationId,
        String projectKey,
        String revision,
        String previousChecksum,
        String newChecksum,
        long ciRunId) {}
