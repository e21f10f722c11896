package org.migrationportal.cli.scan.liquibase;

import java.nio.file.Path;

/**
 * What {@code liquibase update} would be told: the database kind ({@code --dbms postgresql}), the
 * contexts and labels expressions, and the resource root includes resolve against. Any may be null:
 * no dbms reads every changeset (checksums then leave out dbms-targeted changes, as Liquibase does with
 * no database), no contexts or labels select every changeset, no root uses the master's folder.
 */
public record LiquibaseRunSettings(String dbms, String contexts, String labels, Path resourceRoot) {

    public static final LiquibaseRunSettings NONE = new LiquibaseRunSettings(null, null, null, null);
}
