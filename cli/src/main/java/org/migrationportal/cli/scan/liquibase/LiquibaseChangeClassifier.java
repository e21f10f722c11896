package org.migrationportal.cli.scan.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.migrationportal.cli.manifest.Operation;
import org.migrationportal.cli.manifest.OperationType;
import org.migrationportal.cli.scan.sql.SqlClassification;
import org.migrationportal.cli.scan.sql.SqlStatementClassifier;

/** Maps Liquibase change types to manifest operations, and knows which ones Liquibase can undo itself. */
final class LiquibaseChangeClassifier {

    /**
     * Change types Liquibase generates a rollback for (its "automatic rollback" list). A changeset without
     * an explicit rollback is reversible only if every change in it is one of these.
     */
    static final Set<String> AUTO_ROLLBACK = Set.of(
            "addColumn",
            "addDefaultValue",
            "addForeignKeyConstraint",
            "addLookupTable",
            "addNotNullConstraint",
            "addPrimaryKey",
            "addUniqueConstraint",
            "createIndex",
            "createSequence",
            "createTable",
            "createView",
            "dropNotNullConstraint",
            "renameColumn",
            "renameSequence",
            "renameTable",
            "renameView",
            "tagDatabase",
            "empty",
            "output");

    /** Known change types that touch no table the portal tracks or only add objects other than tables. */
    private static final Set<String> OTHER_KNOWN = Set.of(
            "createView",
            "dropView",
            "renameView",
            "createSequence",
            "dropSequence",
            "alterSequence",
            "renameSequence",
            "createProcedure",
            "dropProcedure",
            "createFunction",
            "dropFunction",
            "createTrigger",
            "dropTrigger",
            "createSynonym",
            "dropSynonym",
            "setTableRemarks",
            "setColumnRemarks",
            "addAutoIncrement",
            "createPackage",
            "createPackageBody",
            "dropPackage");

    private static final Set<String> NO_OPERATION = Set.of("tagDatabase", "empty", "output", "stop");

    private LiquibaseChangeClassifier() {}

    record Classified(List<Operation> operations, boolean requiresNoTransaction) {}

    static Classified classify(LiquibaseChange c, SqlFileLoader sqlFiles) {
        List<Operation> ops = new ArrayList<>();
        String table = c.attribute("tableName");
        boolean noTransaction = false;
        switch (c.type()) {
            case "createTable" -> ops.add(Operation.of(OperationType.CREATE_TABLE, table, null));
            case "dropTable" -> ops.add(Operation.of(OperationType.DROP_TABLE, table, null));
            case "addColumn" ->
                columnsOr(c, null).forEach(col -> ops.add(Operation.of(OperationType.ADD_COLUMN, table, col)));
            case "dropColumn" ->
                columnsOr(c, c.attribute("columnName"))
                        .forEach(col -> ops.add(Operation.of(OperationType.DROP_COLUMN, table, col)));
            case "modifyDataType" ->
                ops.add(Operation.of(OperationType.ALTER_COLUMN_TYPE, table, c.attribute("columnName")));
            case "renameColumn" ->
                ops.add(Operation.of(OperationType.RENAME_COLUMN, table, c.attribute("oldColumnName"))
                        .withDetail("to " + c.attribute("newColumnName")));
            case "renameTable" ->
                ops.add(Operation.of(OperationType.RENAME_TABLE, c.attribute("oldTableName"), null)
                        .withDetail("to " + c.attribute("newTableName")));
            case "createIndex" ->
                ops.add(Operation.index(
                                OperationType.CREATE_INDEX,
                                table,
                                c.columns().size() == 1 ? c.columns().get(0) : null,
                                false)
                        .withDetail("index " + c.attribute("indexName")));
            case "dropIndex" ->
                ops.add(Operation.index(OperationType.DROP_INDEX, table, null, false)
                        .withDetail("index " + c.attribute("indexName")));
            case "addForeignKeyConstraint" ->
                ops.add(Operation.of(OperationType.ADD_CONSTRAINT, c.attribute("baseTableName"), null)
                        .withDetail("foreign key " + c.attribute("constraintName")));
            case "addUniqueConstraint", "addPrimaryKey", "addCheckConstraint" ->
                ops.add(Operation.of(OperationType.ADD_CONSTRAINT, table, null).withDetail(c.type()));
            case "addNotNullConstraint" ->
                ops.add(Operation.of(OperationType.SET_NOT_NULL, table, c.attribute("columnName")));
            case "dropNotNullConstraint" ->
                ops.add(Operation.of(OperationType.DROP_NOT_NULL, table, c.attribute("columnName")));
            case "addDefaultValue", "dropDefaultValue" ->
                ops.add(Operation.of(OperationType.ALTER_COLUMN_DEFAULT, table, c.attribute("columnName")));
            case "dropForeignKeyConstraint", "dropAllForeignKeyConstraints" ->
                ops.add(Operation.of(OperationType.DROP_CONSTRAINT, c.attribute("baseTableName"), null));
            case "dropUniqueConstraint", "dropPrimaryKey", "dropCheckConstraint" ->
                ops.add(Operation.of(OperationType.DROP_CONSTRAINT, table, null).withDetail(c.type()));
            case "update" ->
                ops.add(Operation.of(
                        c.hasWhere() ? OperationType.EXECUTE_SQL : OperationType.UPDATE_WITHOUT_WHERE, table, null));
            case "delete" ->
                ops.add(Operation.of(
                        c.hasWhere() ? OperationType.EXECUTE_SQL : OperationType.DELETE_WITHOUT_WHERE, table, null));
            case "insert", "loadData", "loadUpdateData" ->
                ops.add(Operation.of(OperationType.EXECUTE_SQL, table, null));
            case "mergeColumns" -> {
                ops.add(Operation.of(OperationType.ADD_COLUMN, table, c.attribute("finalColumnName")));
                ops.add(Operation.of(OperationType.DROP_COLUMN, table, c.attribute("column1Name")));
                ops.add(Operation.of(OperationType.DROP_COLUMN, table, c.attribute("column2Name")));
            }
            case "addLookupTable" -> {
                ops.add(Operation.of(OperationType.CREATE_TABLE, c.attribute("newTableName"), null));
                ops.add(Operation.of(OperationType.ADD_CONSTRAINT, c.attribute("existingTableName"), null));
            }
            case "sql" -> {
                SqlClassification s = SqlStatementClassifier.classifyScript(c.sql() == null ? "" : c.sql(), c.line());
                ops.addAll(s.operations());
                noTransaction = s.requiresNoTransaction();
            }
            case "sqlFile" -> {
                String path = c.attribute("path");
                var text = sqlFiles.load(path, "true".equalsIgnoreCase(c.attribute("relativeToChangelogFile")));
                if (text.isPresent()) {
                    SqlClassification s = SqlStatementClassifier.classifyScript(text.get(), 1);
                    s.operations()
                            .forEach(op -> ops.add(
                                    op.atLine(c.line()).withDetail(op.detail() == null ? "in " + path : op.detail())));
                    noTransaction = s.requiresNoTransaction();
                } else {
                    ops.add(Operation.unclassified(null, "sqlFile " + path + " not found")
                            .atLine(c.line()));
                }
            }
            default -> {
                if (OTHER_KNOWN.contains(c.type())) {
                    ops.add(Operation.of(OperationType.EXECUTE_SQL, table, null).withDetail(c.type()));
                } else if (!NO_OPERATION.contains(c.type())) {
                    // customChange, executeCommand, extension changes: code we cannot see into.
                    ops.add(Operation.unclassified(table, c.type()));
                }
            }
        }
        List<Operation> located = new ArrayList<>();
        for (Operation op : ops) {
            located.add(op.line() > 0 ? op : op.atLine(c.line()));
        }
        return new Classified(located, noTransaction);
    }

    private static List<String> columnsOr(LiquibaseChange c, String single) {
        if (!c.columns().isEmpty()) {
            return c.columns();
        }
        return java.util.Collections.singletonList(single);
    }

    /** Loads an {@code sqlFile} relative to the changelog or the search path. */
    interface SqlFileLoader {
        java.util.Optional<String> load(String path, boolean relativeToChangelogFile);
    }
}
