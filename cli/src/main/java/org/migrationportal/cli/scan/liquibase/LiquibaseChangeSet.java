package org.migrationportal.cli.scan.liquibase;

import java.util.List;

/**
 * A changeset as read from any changelog format, before it becomes a manifest migration. Its checksum is
 * computed from its changes the way Liquibase does ({@link ChangeChecksums}) and from its {@code modifySql}
 * visitors, whose checksums the parser computes ({@link LiquibaseChecksum#ofSqlVisitor}).
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
        Conditions conditions,
        List<String> sqlVisitorChecksums) {

    /** Where Liquibase runs the changeset: its {@code dbms} list and its context and labels expressions as written. */
    record Conditions(String dbms, String contextFilter, String labels) {
        static final Conditions NONE = new Conditions(null, null, null);
    }

    /** Whether the changeset says how to undo it. An empty rollback undoes nothing: the change stays (lossy). */
    enum Rollback {
        ABSENT,
        EMPTY,
        WRITTEN
    }
}
