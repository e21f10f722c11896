package org.migrationportal.cli.scan.alembic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.migrationportal.cli.manifest.Operation;
import org.migrationportal.cli.manifest.OperationType;
import org.migrationportal.cli.scan.sql.SqlClassification;
import org.migrationportal.cli.scan.sql.SqlStatementClassifier;

/**
 * Reads the operations of an {@code upgrade()} body: {@code op.*} calls, {@code batch_op.*} calls inside
 * {@code with op.batch_alter_table(…) as batch_op:}, SQL passed to {@code execute(…)}, and the
 * {@code autocommit_block()} that makes a migration non-transactional. Calls to helper functions defined
 * in the same module are followed, since teams often factor operations out of {@code upgrade()}.
 */
final class AlembicOperationReader {

    private static final Pattern BATCH_WITH = Pattern.compile(
            "^(?:async\\s+)?with\\s+op\\.batch_alter_table\\s*\\((.*)\\)\\s*as\\s+([A-Za-z_]\\w*)\\s*:",
            Pattern.DOTALL);
    private static final Pattern AUTOCOMMIT = Pattern.compile("^with\\s+.*\\.autocommit_block\\s*\\(\\s*\\)");
    private static final Pattern LOCAL_CALL = Pattern.compile("^(?:[\\w\\s,]+=(?!=)\\s*)?([A-Za-z_]\\w*)\\s*\\(");
    /** op.* methods that only give access to something, not a schema change. */
    private static final Set<String> NOT_OPERATIONS = Set.of(
            "get_bind",
            "get_context",
            "f",
            "batch_alter_table",
            "inline_literal",
            "implementation_for",
            "register_operation",
            "invoke",
            "run_async",
            "get_impl");

    private final Function<String, Optional<List<PythonLogicalLine>>> localFunctions;
    private final List<Operation> operations = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean autocommit;

    /** @param localFunctions body of a module-level function by name, to follow helper calls */
    AlembicOperationReader(Function<String, Optional<List<PythonLogicalLine>>> localFunctions) {
        this.localFunctions = localFunctions;
    }

    List<Operation> operations() {
        return operations;
    }

    boolean usesAutocommitBlock() {
        return autocommit;
    }

    List<String> warnings() {
        return warnings;
    }

    void read(List<PythonLogicalLine> body, Set<String> visitedFunctions) {
        record BatchScope(int indent, String alias, String table) {}
        Deque<BatchScope> batches = new ArrayDeque<>();
        for (PythonLogicalLine line : body) {
            while (!batches.isEmpty() && line.indent() <= batches.peek().indent()) {
                batches.pop();
            }
            String text = line.text();
            if (AUTOCOMMIT.matcher(text).find()) {
                autocommit = true;
                continue;
            }
            Matcher batch = BATCH_WITH.matcher(text);
            if (batch.find()) {
                List<String> args = PythonCall.splitTopLevel(batch.group(1));
                String table = args.isEmpty()
                        ? null
                        : PythonValue.parse(args.get(0).replaceFirst("^\\s*table_name\\s*=", ""))
                                .asString()
                                .orElse(null);
                batches.push(new BatchScope(line.indent(), batch.group(2), table));
                continue;
            }
            Optional<PythonCall> call = PythonCall.ofStatement(text);
            if (call.isPresent()) {
                PythonCall c = call.get();
                Optional<BatchScope> scope = batches.stream()
                        .filter(b -> b.alias().equals(c.receiver()))
                        .findFirst();
                if (scope.isPresent()) {
                    readBatchCall(c, scope.get().table(), line.line());
                    continue;
                }
                if (c.receiver().equals("op")) {
                    readOpCall(c, line.line());
                    continue;
                }
                if (c.method().equals("execute") || c.method().equals("exec_driver_sql")) {
                    // connection.execute(sa.text("…")) through op.get_bind(): same as op.execute.
                    readExecute(c, line.line());
                    continue;
                }
            }
            Matcher local = LOCAL_CALL.matcher(text);
            if (local.find() && !visitedFunctions.contains(local.group(1))) {
                String name = local.group(1);
                Optional<List<PythonLogicalLine>> helper = localFunctions.apply(name);
                if (helper.isPresent()) {
                    Set<String> visited = new java.util.HashSet<>(visitedFunctions);
                    visited.add(name);
                    read(helper.get(), visited);
                }
            }
        }
    }

    private void readOpCall(PythonCall c, int line) {
        switch (c.method()) {
            case "create_table" -> add(Operation.of(OperationType.CREATE_TABLE, c.string(0, "table_name"), null), line);
            case "drop_table" -> add(Operation.of(OperationType.DROP_TABLE, c.string(0, "table_name"), null), line);
            case "add_column" ->
                add(
                        Operation.of(
                                OperationType.ADD_COLUMN, c.string(0, "table_name"), columnName(c.arg(1, "column"))),
                        line);
            case "drop_column" ->
                add(
                        Operation.of(OperationType.DROP_COLUMN, c.string(0, "table_name"), c.string(1, "column_name")),
                        line);
            case "alter_column" -> alterColumn(c, c.string(0, "table_name"), c.string(1, "column_name"), line);
            case "rename_table" ->
                add(
                        Operation.of(OperationType.RENAME_TABLE, c.string(0, "old_table_name"), null)
                                .withDetail("to " + c.string(1, "new_table_name")),
                        line);
            case "create_index" ->
                add(
                        Operation.index(
                                OperationType.CREATE_INDEX,
                                c.string(1, "table_name"),
                                singleColumn(c.arg(2, "columns")),
                                c.isTrue("postgresql_concurrently")),
                        line);
            case "drop_index" ->
                add(
                        Operation.index(
                                        OperationType.DROP_INDEX,
                                        c.string(1, "table_name"),
                                        null,
                                        c.isTrue("postgresql_concurrently"))
                                .withDetail("index " + c.string(0, "index_name")),
                        line);
            case "create_foreign_key" ->
                add(
                        Operation.of(OperationType.ADD_CONSTRAINT, c.string(1, "source_table"), null)
                                .withDetail("foreign key " + c.string(0, "constraint_name")),
                        line);
            case "create_unique_constraint",
                    "create_primary_key",
                    "create_check_constraint",
                    "create_exclude_constraint" ->
                add(
                        Operation.of(OperationType.ADD_CONSTRAINT, c.string(1, "table_name"), null)
                                .withDetail(c.method() + " " + c.string(0, "constraint_name")),
                        line);
            case "drop_constraint" ->
                add(
                        Operation.of(OperationType.DROP_CONSTRAINT, c.string(1, "table_name"), null)
                                .withDetail("constraint " + c.string(0, "constraint_name")),
                        line);
            case "execute" -> readExecute(c, line);
            case "bulk_insert" ->
                add(Operation.of(OperationType.EXECUTE_SQL, null, null).withDetail("bulk_insert"), line);
            case "create_table_comment", "drop_table_comment" ->
                add(Operation.of(OperationType.EXECUTE_SQL, c.string(0, "table_name"), null), line);
            default -> {
                if (!NOT_OPERATIONS.contains(c.method())) {
                    add(Operation.unclassified(null, "op." + c.method() + "(…)"), line);
                }
            }
        }
    }

    /** batch_op calls take the table from the enclosing {@code batch_alter_table}, so arguments shift left. */
    private void readBatchCall(PythonCall c, String table, int line) {
        switch (c.method()) {
            case "add_column" ->
                add(Operation.of(OperationType.ADD_COLUMN, table, columnName(c.arg(0, "column"))), line);
            case "drop_column" -> add(Operation.of(OperationType.DROP_COLUMN, table, c.string(0, "column_name")), line);
            case "alter_column" -> alterColumn(c, table, c.string(0, "column_name"), line);
            case "create_index" ->
                add(
                        Operation.index(
                                OperationType.CREATE_INDEX,
                                table,
                                singleColumn(c.arg(1, "columns")),
                                c.isTrue("postgresql_concurrently")),
                        line);
            case "drop_index" ->
                add(
                        Operation.index(OperationType.DROP_INDEX, table, null, c.isTrue("postgresql_concurrently"))
                                .withDetail("index " + c.string(0, "index_name")),
                        line);
            case "create_foreign_key",
                    "create_unique_constraint",
                    "create_primary_key",
                    "create_check_constraint",
                    "create_exclude_constraint" ->
                add(
                        Operation.of(OperationType.ADD_CONSTRAINT, table, null)
                                .withDetail(c.method() + " " + c.string(0, "constraint_name")),
                        line);
            case "drop_constraint" ->
                add(
                        Operation.of(OperationType.DROP_CONSTRAINT, table, null)
                                .withDetail("constraint " + c.string(0, "constraint_name")),
                        line);
            case "execute" -> readExecute(c, line);
            default -> add(Operation.unclassified(table, "batch_op." + c.method() + "(…)"), line);
        }
    }

    /** One alter_column call can change several things; each becomes its own operation. */
    private void alterColumn(PythonCall c, String table, String column, int line) {
        Map<String, String> kw = c.keywords();
        int before = operations.size();
        if (kw.containsKey("type_")) {
            add(Operation.of(OperationType.ALTER_COLUMN_TYPE, table, column), line);
        }
        if (kw.containsKey("nullable")) {
            if ("False".equals(kw.get("nullable"))) {
                add(Operation.of(OperationType.SET_NOT_NULL, table, column), line);
            } else if ("True".equals(kw.get("nullable"))) {
                add(Operation.of(OperationType.DROP_NOT_NULL, table, column), line);
            } else {
                add(Operation.unclassified(table, "alter_column(nullable=" + kw.get("nullable") + ")"), line);
            }
        }
        if (kw.containsKey("server_default")) {
            add(Operation.of(OperationType.ALTER_COLUMN_DEFAULT, table, column), line);
        }
        if (kw.containsKey("comment")) {
            add(Operation.of(OperationType.EXECUTE_SQL, table, column).withDetail("column comment"), line);
        }
        if (kw.containsKey("new_column_name")) {
            add(
                    Operation.of(OperationType.RENAME_COLUMN, table, column)
                            .withDetail("to "
                                    + PythonValue.parse(kw.get("new_column_name"))
                                            .asString()
                                            .orElse("?")),
                    line);
        }
        if (operations.size() == before) {
            add(Operation.unclassified(table, "alter_column with no change the scanner knows"), line);
        }
    }

    private void readExecute(PythonCall c, int line) {
        PythonValue sql = c.arg(0, "sqltext");
        if (sql.asString().isEmpty()) {
            sql = c.arg(0, "statement");
        }
        Optional<String> text = sql.asString();
        if (text.isEmpty()) {
            String expr = c.positional().isEmpty() ? "" : c.positional().get(0);
            add(Operation.unclassified(null, "execute(" + abbreviate(expr) + "): SQL not a literal"), line);
            return;
        }
        SqlClassification classified = SqlStatementClassifier.classifyScript(text.get(), line);
        for (Operation op : classified.operations()) {
            add(op, line);
        }
        if (classified.requiresNoTransaction()
                && !autocommit
                && classified.operations().stream().noneMatch(Operation::concurrently)) {
            warnings.add(
                    line + ": SQL that cannot run in a transaction (e.g. CONCURRENTLY) outside an autocommit_block()");
        }
    }

    private void add(Operation op, int line) {
        Operation located = op.atLine(line);
        if (op.concurrently() && !autocommit) {
            warnings.add(line + ": concurrent index operation outside op.get_context().autocommit_block()"
                    + " fails inside PostgreSQL's migration transaction");
        }
        operations.add(located);
    }

    /** The name in {@code sa.Column("name", …)}. */
    private static String columnName(PythonValue column) {
        if (column instanceof PythonValue.Other other) {
            Matcher m = Pattern.compile("^[\\w.]*Column\\s*\\(\\s*(.*)\\)$", Pattern.DOTALL)
                    .matcher(other.text());
            if (m.find()) {
                List<String> args = PythonCall.splitTopLevel(m.group(1));
                return args.isEmpty()
                        ? null
                        : PythonValue.parse(args.get(0)).asString().orElse(null);
            }
        }
        return null;
    }

    private static String singleColumn(PythonValue columns) {
        return columns.asStrings()
                .filter(list -> list.size() == 1)
                .map(list -> list.get(0))
                .orElse(null);
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() > 60 ? flat.substring(0, 60) + "…" : flat;
    }
}
