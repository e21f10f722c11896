package org.migrationportal.cli.scan.liquibase;

import java.util.List;

/**
 * A changeset as read from any changelog format, before it becomes a manifest migration.
 * {@code canonicalText} is what the checksum is taken over; {@code rawSql} is set for formatted and raw
 * SQL changesets, whose body is classified statement by statement.
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
        String comment,
        String canonicalText) {

    /** Whether the changeset says how to undo it. An empty rollback is a deliberate "cannot be undone". */
    enum Rollback {
        ABSENT,
        EMPTY,
        WRITTEN
    }
}
