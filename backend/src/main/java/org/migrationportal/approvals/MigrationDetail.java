package org.migrationportal.approvals;

import java.util.List;

/**
 * A migration as an approver sees it: the catalogue entry now (current checksum), its operations and
 * the findings of the latest CI run that named it. Fields are null when the portal never saw the revision.
 */
public record MigrationDetail(
        String revision,
        String description,
        String author,
        String checksum,
        String downgrade,
        boolean destructive,
        List<Operation> operations,
        List<Finding> findings) {

    public record Operation(String type, String table, String column, boolean concurrently, boolean destructive) {}

    public record Finding(String check, String rule, String severity, String message) {}
}
