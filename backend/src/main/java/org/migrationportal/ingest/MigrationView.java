package org.migrationportal.ingest;

import java.time.Instant;
import java.util.List;

/** One revision of a project's migration catalogue, with its operations and checksum history (oldest first). */
public record MigrationView(
        long id,
        String projectKey,
        String revision,
        List<String> parents,
        String description,
        String author,
        String checksum,
        String downgrade,
        boolean transactional,
        String phase,
        String expandRevision,
        boolean destructive,
        Instant firstSeenAt,
        Instant updatedAt,
        List<Operation> operations,
        List<ChecksumSeen> checksums) {

    public boolean changed() {
        return checksums.size() > 1;
    }

    public record Operation(String type, String table, String column, boolean concurrently, boolean destructive) {}

    public record ChecksumSeen(String checksum, Instant firstSeenAt, Long ciRunId) {}
}
