package org.migrationportal.cli.scan.liquibase;

import java.util.List;

/**
 * A changeset as read from any changelog format, before it becomes a manifest migration. Its checksum is
 * computed from its changes the way Liquibase does ({@link ChangeChecksums}).
 */
record LiquibaseChangeSet(
        String id,
        String author,
        String file,
        int line,
        List<LiquibaseChange> changes,
        Rollback rollback,
        boolean runInTransaction,
        List<String> labels,
        List<String> contexts,
        String comment) {

    /** Whether the changeset says how to undo it. An empty rollback is a deliberate "cannot be undone". */
    enum Rollback {
        ABSENT,
        EMPTY,
        WRITTEN
    }
}
