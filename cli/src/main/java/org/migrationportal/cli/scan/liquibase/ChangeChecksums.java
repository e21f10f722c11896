package org.migrationportal.cli.scan.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each change's Liquibase checksum the way its change class computes it, and a changeset's from those.
 * Which fields a change type leaves out and which empty collections it always has come from
 * liquibase-core 4.33's change classes; the oracle tests hold them to Liquibase's own values.
 */
final class ChangeChecksums {

    /** Fields a change class excludes from its version 9 checksum ({@code getExcludedFieldFilters}). */
    private static final Map<String, Set<String>> EXCLUDED = Map.of(
            "createIndex", Set.of("associatedWith", "using"),
            "createTable", Set.of("ifNotExists", "rowDependencies"),
            "tagDatabase", Set.of("keepTagOnRollback"),
            "createView", Set.of("path", "relativeToChangelogFile", "selectQuery", "encoding"),
            "createProcedure",
                    Set.of(
                            "path",
                            "dbms",
                            "relativeToChangelogFile",
                            "procedureText",
                            "encoding",
                            "comment",
                            "triggerBody",
                            "functionBody",
                            "packageText",
                            "packageBodyText"));

    /** Change classes whose column list starts empty, so it is serialized ({@code columns=[]}) even when unused. */
    private static final Set<String> ALWAYS_COLUMNS =
            Set.of("addColumn", "createIndex", "createTable", "insert", "update", "loadData");

    /** Changes that only count where their {@code dbms} matches the database ({@code DbmsTargetedChange}). */
    private static final Set<String> DBMS_TARGETED = Set.of("sql", "sqlFile", "createProcedure", "insert");

    private ChangeChecksums() {}

    /** The changeset's checksum for a database of kind {@code dbms} (null: none known, as offline). */
    static String ofChangeSet(
            LiquibaseChangeSet changeSet, String dbms, LiquibaseChangeClassifier.SqlFileLoader sqlFiles) {
        List<String> changes = new ArrayList<>();
        for (LiquibaseChange change : changeSet.changes()) {
            if (!DBMS_TARGETED.contains(change.type())
                    || DbmsList.matches(change.attribute("dbms"), dbms == null ? "null" : dbms, true)) {
                changes.add(ofChange(change, sqlFiles));
            }
        }
        return LiquibaseChecksum.ofChangeSet(changes, changeSet.sqlVisitorChecksums());
    }

    static String ofChange(LiquibaseChange change, LiquibaseChangeClassifier.SqlFileLoader sqlFiles) {
        return switch (change.type()) {
            case "sql" -> LiquibaseChecksum.ofSql(change.sql() == null ? "" : change.sql());
            case "sqlFile" -> LiquibaseChecksum.ofSql(sqlFile(change, "path", sqlFiles));
            case "createView" -> withBody(change, "selectQuery", sqlFiles);
            case "createProcedure" -> withBody(change, "procedureText", sqlFiles);
            default -> serialized(change);
        };
    }

    /** Views and procedures: the serialized change, then the checksum of their SQL (inline or from a file). */
    private static String withBody(
            LiquibaseChange change, String bodyField, LiquibaseChangeClassifier.SqlFileLoader sqlFiles) {
        String body = change.attribute("path") != null
                ? sqlFile(change, "path", sqlFiles)
                : change.attribute(bodyField) != null ? change.attribute(bodyField) : change.sql();
        return LiquibaseChecksum.ofText(serialized(change) + ":" + LiquibaseChecksum.ofSql(body == null ? "" : body));
    }

    private static String serialized(LiquibaseChange change) {
        Map<String, Object> fields = new TreeMap<>(change.fields());
        EXCLUDED.getOrDefault(change.type(), Set.of()).forEach(fields::remove);
        if (ALWAYS_COLUMNS.contains(change.type())) {
            fields.putIfAbsent("columns", List.of());
        }
        if (change.type().equals("output")) {
            fields.putIfAbsent("target", "STDERR"); // OutputChange.getTarget()'s default
        }
        return LiquibaseChecksum.ofSerialized(change.type(), fields);
    }

    private static String sqlFile(
            LiquibaseChange change, String pathField, LiquibaseChangeClassifier.SqlFileLoader sqlFiles) {
        String path = change.attribute(pathField);
        if (path == null) {
            return "";
        }
        return sqlFiles.load(path, "true".equalsIgnoreCase(change.attribute("relativeToChangelogFile")))
                .orElse("");
    }
}
