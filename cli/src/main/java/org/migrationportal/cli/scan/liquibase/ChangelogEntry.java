package org.migrationportal.cli.scan.liquibase;

/** What a changelog file lists, in order: changesets and includes of other changelogs. */
sealed interface ChangelogEntry {

    record ChangeSetEntry(LiquibaseChangeSet changeSet) implements ChangelogEntry {}

    /** {@code <property name=… value=… dbms=…/>}: a value for {@code ${name}} in the changelogs. */
    record Property(String name, String value, String dbms) implements ChangelogEntry {}

    /** {@code include file=…} or, with {@code all}, {@code includeAll path=…}. */
    record Include(String path, boolean relativeToChangelogFile, boolean all, int line) implements ChangelogEntry {}
}
