package org.migrationportal.cli.scan.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.migrationportal.cli.manifest.Operation;
import org.migrationportal.cli.manifest.OperationType;

/**
 * Classifies SQL statements (PostgreSQL dialect first, the common subset of others) into manifest
 * operations. Used for Flyway scripts, Liquibase {@code sql}/formatted SQL and Alembic {@code op.execute}.
 *
 * <p>Statements it knows but the portal does not model (INSERT, CREATE VIEW, GRANT…) become
 * {@code execute_sql}; anything it cannot read with confidence (DO blocks, CALL, unknown ALTER actions)
 * becomes {@code unclassified} with the statement as detail, so nothing is silently guessed.
 */
public final class SqlStatementClassifier {

    private static final Set<String> TRANSACTION_CONTROL =
            Set.of("BEGIN", "COMMIT", "START", "END", "ROLLBACK", "SAVEPOINT", "RELEASE");
    private static final Set<String> PLAIN_STATEMENTS = Set.of(
            "INSERT",
            "SELECT",
            "VALUES",
            "COMMENT",
            "GRANT",
            "REVOKE",
            "SET",
            "RESET",
            "ANALYZE",
            "REFRESH",
            "COPY",
            "LOCK",
            "NOTIFY",
            "SECURITY",
            "REASSIGN",
            "CLUSTER",
            "DISCARD",
            "LISTEN",
            "UNLISTEN",
            "SHOW",
            "EXPLAIN",
            "MERGE",
            "REINDEX",
            "IMPORT");
    private static final Set<String> PROCEDURAL = Set.of("DO", "CALL", "EXECUTE", "PREPARE", "DEALLOCATE");
    private static final Set<String> BENIGN_OBJECTS = Set.of(
            "VIEW",
            "MATERIALIZED",
            "FUNCTION",
            "PROCEDURE",
            "SEQUENCE",
            "TYPE",
            "EXTENSION",
            "TRIGGER",
            "POLICY",
            "DOMAIN",
            "RULE",
            "AGGREGATE",
            "OPERATOR",
            "COLLATION",
            "ROLE",
            "USER",
            "GROUP",
            "PUBLICATION",
            "SUBSCRIPTION",
            "STATISTICS",
            "CAST",
            "EVENT",
            "TEXT",
            "SERVER",
            "CONVERSION",
            "LANGUAGE",
            "TRANSFORM",
            "ACCESS",
            "SYNONYM",
            "PACKAGE");
    private static final Set<String> BENIGN_ALTER_ACTIONS = Set.of(
            "OWNER",
            "ENABLE",
            "DISABLE",
            "SET",
            "RESET",
            "VALIDATE",
            "REPLICA",
            "ATTACH",
            "DETACH",
            "CLUSTER",
            "INHERIT",
            "NO",
            "FORCE",
            "OF",
            "NOT");
    private static final Set<String> CONSTRAINT_STARTS =
            Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE");

    private SqlStatementClassifier() {}

    /** Splits and classifies a whole script. */
    public static SqlClassification classifyScript(String script, int firstLine) {
        List<Operation> ops = new ArrayList<>();
        boolean noTransaction = false;
        for (SqlStatement statement : SqlStatementSplitter.split(script, firstLine)) {
            SqlClassification c = classify(statement);
            ops.addAll(c.operations());
            noTransaction |= c.requiresNoTransaction();
        }
        return new SqlClassification(ops, noTransaction);
    }

    public static SqlClassification classify(SqlStatement statement) {
        Tokens t = Tokens.of(statement.normalized());
        List<Operation> ops = new ArrayList<>();
        boolean noTransaction = classifyInto(t, statement, ops);
        List<Operation> located = new ArrayList<>();
        for (Operation op : ops) {
            located.add(op.atLine(statement.line()));
        }
        return new SqlClassification(located, noTransaction);
    }

    private static boolean classifyInto(Tokens t, SqlStatement s, List<Operation> ops) {
        String first = t.upper(0);
        if (first.isEmpty() || TRANSACTION_CONTROL.contains(first)) {
            return false;
        }
        switch (first) {
            case "CREATE":
                return create(t, s, ops);
            case "DROP":
                drop(t, s, ops);
                return t.upper(1).equals("INDEX") && t.upper(2).equals("CONCURRENTLY")
                        || t.upper(1).equals("DATABASE")
                        || t.upper(1).equals("TABLESPACE");
            case "ALTER":
                if (t.upper(1).equals("TABLE")) {
                    alterTable(t, s, ops);
                } else if (t.upper(1).equals("SYSTEM")) {
                    ops.add(Operation.of(OperationType.EXECUTE_SQL, null, null));
                    return true;
                } else if (BENIGN_OBJECTS.contains(t.upper(1))
                        || t.upper(1).equals("INDEX")
                        || t.upper(1).equals("SCHEMA")
                        || t.upper(1).equals("DATABASE")
                        || t.upper(1).equals("DEFAULT")) {
                    ops.add(Operation.of(OperationType.EXECUTE_SQL, null, null));
                } else {
                    ops.add(unclassified(s));
                }
                return false;
            case "TRUNCATE": {
                int i = 1;
                i = t.skip(i, "TABLE");
                i = t.skip(i, "ONLY");
                for (String table : t.nameList(i)) {
                    ops.add(Operation.of(OperationType.TRUNCATE, table, null));
                }
                return false;
            }
            case "UPDATE": {
                int i = t.skip(1, "ONLY");
                String table = t.name(i);
                ops.add(Operation.of(
                        t.hasTopLevel("WHERE", i) ? OperationType.EXECUTE_SQL : OperationType.UPDATE_WITHOUT_WHERE,
                        table,
                        null));
                return false;
            }
            case "DELETE": {
                int i = t.skip(1, "FROM");
                i = t.skip(i, "ONLY");
                String table = t.name(i);
                ops.add(Operation.of(
                        t.hasTopLevel("WHERE", i) ? OperationType.EXECUTE_SQL : OperationType.DELETE_WITHOUT_WHERE,
                        table,
                        null));
                return false;
            }
            case "WITH": {
                // Classify the statement the common table expressions feed (INSERT/UPDATE/DELETE/SELECT).
                for (int i = 1; i < t.size(); i++) {
                    if (t.depth(i) == 0
                            && Set.of("INSERT", "UPDATE", "DELETE", "SELECT", "MERGE")
                                    .contains(t.upper(i))) {
                        return classifyInto(t.from(i), s, ops);
                    }
                }
                ops.add(unclassified(s));
                return false;
            }
            case "VACUUM": {
                Operation vacuum = Operation.of(OperationType.EXECUTE_SQL, vacuumTable(t), null);
                ops.add(
                        fullVacuum(t)
                                ? vacuum.blocking("VACUUM FULL rewrites the table under ACCESS EXCLUSIVE")
                                : vacuum);
                return true;
            }
            default:
                if (PLAIN_STATEMENTS.contains(first)) {
                    Operation op = Operation.of(OperationType.EXECUTE_SQL, tableOfPlainStatement(t), null);
                    String blocks = blockingPlainStatement(t);
                    ops.add(blocks == null ? op : op.blocking(blocks));
                    return first.equals("REINDEX") && t.contains("CONCURRENTLY");
                }
                // DO blocks, CALL and unknown statements can do anything: report, never guess.
                ops.add(unclassified(s));
                return false;
        }
    }

    private static boolean create(Tokens t, SqlStatement s, List<Operation> ops) {
        int i = 1;
        i = t.skip(i, "OR");
        i = t.skip(i, "REPLACE");
        boolean unique = t.upper(i).equals("UNIQUE");
        i = t.skip(i, "UNIQUE");
        while (Set.of("TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL").contains(t.upper(i))) {
            i++;
        }
        String kind = t.upper(i);
        if (kind.equals("TABLE")) {
            i = t.skipIfNotExists(i + 1);
            ops.add(Operation.of(OperationType.CREATE_TABLE, t.name(i), null));
            return false;
        }
        if (kind.equals("INDEX")) {
            i++;
            boolean concurrently = t.upper(i).equals("CONCURRENTLY");
            i = t.skip(i, "CONCURRENTLY");
            i = t.skipIfNotExists(i);
            if (!t.upper(i).equals("ON")) {
                i++; // index name
            }
            i = t.skip(i, "ON");
            i = t.skip(i, "ONLY");
            String table = t.name(i);
            String column = t.singleColumnAfter(i);
            Operation op = Operation.index(OperationType.CREATE_INDEX, table, column, concurrently);
            ops.add(unique ? op.withDetail("unique") : op);
            return concurrently;
        }
        if (kind.equals("DATABASE") || kind.equals("TABLESPACE")) {
            ops.add(Operation.of(OperationType.EXECUTE_SQL, null, null));
            return true;
        }
        if (kind.equals("SCHEMA") || BENIGN_OBJECTS.contains(kind)) {
            ops.add(Operation.of(OperationType.EXECUTE_SQL, null, null));
            return false;
        }
        ops.add(unclassified(s));
        return false;
    }

    private static void drop(Tokens t, SqlStatement s, List<Operation> ops) {
        String kind = t.upper(1);
        if (kind.equals("TABLE")) {
            int i = t.skipIfExists(2);
            for (String table : t.nameList(i)) {
                ops.add(Operation.of(OperationType.DROP_TABLE, table, null));
            }
        } else if (kind.equals("INDEX")) {
            int i = 2;
            boolean concurrently = t.upper(i).equals("CONCURRENTLY");
            i = t.skip(i, "CONCURRENTLY");
            i = t.skipIfExists(i);
            for (String index : t.nameList(i)) {
                // PostgreSQL's DROP INDEX does not name the table; the index name goes in the detail.
                ops.add(Operation.index(OperationType.DROP_INDEX, null, null, concurrently)
                        .withDetail("index " + index));
            }
        } else if (BENIGN_OBJECTS.contains(kind)) {
            ops.add(Operation.of(OperationType.EXECUTE_SQL, null, null));
        } else {
            // DROP SCHEMA … CASCADE, DROP DATABASE and the like can take tables with them.
            ops.add(unclassified(s));
        }
    }

    private static void alterTable(Tokens t, SqlStatement s, List<Operation> ops) {
        int i = t.skipIfExists(2);
        i = t.skip(i, "ONLY");
        String table = t.name(i);
        i = t.afterName(i);
        if (t.text(i).equals("*")) {
            i++;
        }
        for (Tokens action : t.from(i).splitTopLevel(",")) {
            alterTableAction(table, action, s, ops);
        }
    }

    private static void alterTableAction(String table, Tokens a, SqlStatement s, List<Operation> ops) {
        String verb = a.upper(0);
        switch (verb) {
            case "ADD": {
                if (CONSTRAINT_STARTS.contains(a.upper(1))) {
                    Operation op = Operation.of(OperationType.ADD_CONSTRAINT, table, null);
                    boolean scans = !(a.containsSequence("NOT", "VALID") || a.containsSequence("USING", "INDEX"));
                    ops.add(scans ? op : op.notValidating());
                    return;
                }
                int i = a.skip(1, "COLUMN");
                i = a.skipIfNotExists(i);
                Operation add = Operation.of(OperationType.ADD_COLUMN, table, a.name(i));
                String rewrite = addColumnRewrite(a);
                ops.add(rewrite == null ? add : add.blocking(rewrite));
                return;
            }
            case "DROP": {
                if (a.upper(1).equals("CONSTRAINT")) {
                    ops.add(Operation.of(OperationType.DROP_CONSTRAINT, table, null)
                            .withDetail("constraint " + a.name(a.skipIfExists(2))));
                    return;
                }
                int i = a.skip(1, "COLUMN");
                i = a.skipIfExists(i);
                ops.add(Operation.of(OperationType.DROP_COLUMN, table, a.name(i)));
                return;
            }
            case "ALTER": {
                if (a.upper(1).equals("CONSTRAINT")) {
                    ops.add(Operation.of(OperationType.EXECUTE_SQL, table, null));
                    return;
                }
                int i = a.skip(1, "COLUMN");
                String column = a.name(i);
                String what = a.upper(i + 1) + " " + a.upper(i + 2) + " " + a.upper(i + 3);
                if (what.startsWith("TYPE ") || what.startsWith("SET DATA TYPE")) {
                    ops.add(Operation.of(OperationType.ALTER_COLUMN_TYPE, table, column));
                } else if (what.startsWith("SET NOT NULL")) {
                    ops.add(Operation.of(OperationType.SET_NOT_NULL, table, column));
                } else if (what.startsWith("DROP NOT NULL")) {
                    ops.add(Operation.of(OperationType.DROP_NOT_NULL, table, column));
                } else if (what.startsWith("SET DEFAULT") || what.startsWith("DROP DEFAULT")) {
                    ops.add(Operation.of(OperationType.ALTER_COLUMN_DEFAULT, table, column));
                } else if (what.startsWith("SET ")
                        || what.startsWith("RESET ")
                        || what.startsWith("ADD GENERATED")
                        || what.startsWith("DROP IDENTITY")
                        || what.startsWith("DROP EXPRESSION")) {
                    ops.add(Operation.of(OperationType.EXECUTE_SQL, table, column));
                } else {
                    ops.add(unclassified(s).withDetail(s.normalized()));
                }
                return;
            }
            case "RENAME": {
                if (a.upper(1).equals("TO")) {
                    ops.add(Operation.of(OperationType.RENAME_TABLE, table, null)
                            .withDetail("to " + a.name(2)));
                } else if (a.upper(1).equals("CONSTRAINT")) {
                    ops.add(Operation.of(OperationType.EXECUTE_SQL, table, null));
                } else {
                    int i = a.skip(1, "COLUMN");
                    ops.add(Operation.of(OperationType.RENAME_COLUMN, table, a.name(i))
                            .withDetail("to " + a.name(i + 2)));
                }
                return;
            }
            default:
                if (verb.equals("SET")
                        && Set.of("TABLESPACE", "LOGGED", "UNLOGGED").contains(a.upper(1))) {
                    ops.add(Operation.of(OperationType.EXECUTE_SQL, table, null)
                            .blocking("SET " + a.upper(1) + " rewrites the table under ACCESS EXCLUSIVE"));
                } else if (BENIGN_ALTER_ACTIONS.contains(verb)) {
                    ops.add(Operation.of(OperationType.EXECUTE_SQL, table, null));
                } else {
                    ops.add(Operation.unclassified(table, s.normalized()));
                }
        }
    }

    /** Functions PostgreSQL marks volatile that migrations use as defaults: the table is rewritten. */
    private static final Set<String> VOLATILE_DEFAULTS = Set.of(
            "RANDOM",
            "GEN_RANDOM_UUID",
            "UUID_GENERATE_V4",
            "UUID_GENERATE_V1",
            "CLOCK_TIMESTAMP",
            "TIMEOFDAY",
            "NEXTVAL",
            "TXID_CURRENT",
            "UUIDV7");

    /** Since PostgreSQL 11 a constant default is instant; a volatile default or a stored generated column rewrites. */
    private static String addColumnRewrite(Tokens a) {
        if (a.containsSequence("GENERATED", "ALWAYS") && a.contains("STORED")) {
            return "a stored generated column rewrites the table under ACCESS EXCLUSIVE";
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.upper(i).equals("DEFAULT")) {
                for (int j = i + 1; j < a.size(); j++) {
                    if (VOLATILE_DEFAULTS.contains(a.upper(j)) && a.text(j + 1).equals("(")) {
                        return "a volatile default (" + a.text(j).toLowerCase(Locale.ROOT)
                                + "()) rewrites the table under ACCESS EXCLUSIVE";
                    }
                }
            }
            if (a.upper(i).equals("SERIAL")
                    || a.upper(i).equals("BIGSERIAL")
                    || a.upper(i).equals("SMALLSERIAL")) {
                return "a serial column's nextval() default rewrites the table under ACCESS EXCLUSIVE";
            }
        }
        return null;
    }

    private static String tableOfPlainStatement(Tokens t) {
        return switch (t.upper(0)) {
            case "INSERT" -> t.upper(1).equals("INTO") ? t.name(2) : null;
            case "COPY", "LOCK" -> t.name(t.skip(t.skip(1, "TABLE"), "ONLY"));
            case "CLUSTER" -> t.size() > 1 && !t.upper(1).equals("VERBOSE") ? t.name(1) : null;
            case "REINDEX" -> Set.of("TABLE", "INDEX").contains(t.upper(1)) ? t.name(t.skip(2, "CONCURRENTLY")) : null;
            case "REFRESH" -> t.name(t.skip(t.skip(3, "CONCURRENTLY"), "ONLY"));
            default -> null;
        };
    }

    /** Why a statement the portal does not model still blocks a table for long, or null. */
    private static String blockingPlainStatement(Tokens t) {
        return switch (t.upper(0)) {
            case "LOCK" ->
                NON_BLOCKING_LOCK_MODES.contains(lockMode(t))
                        ? null
                        : "LOCK TABLE in " + lockMode(t) + " mode blocks the table until the transaction ends";
            case "CLUSTER" -> "CLUSTER rewrites the table under ACCESS EXCLUSIVE";
            case "REINDEX" ->
                t.contains("CONCURRENTLY")
                        ? null
                        : "REINDEX without CONCURRENTLY blocks writes (and reads of the index)";
            case "REFRESH" ->
                t.upper(1).equals("MATERIALIZED") && !t.contains("CONCURRENTLY")
                        ? "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view"
                        : null;
            default -> null;
        };
    }

    /** Lock modes that let ordinary reads and writes go on. */
    private static final Set<String> NON_BLOCKING_LOCK_MODES =
            Set.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE");

    /** {@code LOCK [TABLE] t IN <mode> MODE}; without IN, ACCESS EXCLUSIVE. */
    private static String lockMode(Tokens t) {
        for (int i = 1; i < t.size(); i++) {
            if (t.upper(i).equals("IN")) {
                List<String> words = new ArrayList<>();
                for (int j = i + 1; j < t.size() && !t.upper(j).equals("MODE"); j++) {
                    words.add(t.upper(j));
                }
                return String.join(" ", words);
            }
        }
        return "ACCESS EXCLUSIVE";
    }

    private static boolean fullVacuum(Tokens t) {
        if (t.upper(1).equals("FULL")) {
            return true;
        }
        // VACUUM (FULL, ANALYZE) t / VACUUM (FULL true) t
        for (int i = 2; t.text(1).equals("(") && i < t.size() && !t.text(i).equals(")"); i++) {
            if (t.upper(i).equals("FULL")) {
                return !Set.of("FALSE", "OFF", "0").contains(t.upper(i + 1));
            }
        }
        return false;
    }

    private static String vacuumTable(Tokens t) {
        int i = 1;
        while (i < t.size()
                && (t.depth(i) > 0 || t.text(i).equals("(") || t.text(i).equals(")"))) {
            i++;
        }
        while (Set.of("FULL", "FREEZE", "VERBOSE", "ANALYZE").contains(t.upper(i))) {
            i++;
        }
        return i < t.size() ? t.name(i) : null;
    }

    private static Operation unclassified(SqlStatement s) {
        String text = s.normalized().replaceAll("\\s+", " ");
        return Operation.unclassified(null, text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }

    /** Word, quoted-identifier and punctuation tokens of a normalized statement, with paren depth. */
    static final class Tokens {
        private final List<String> texts;
        private final List<Integer> depths;
        private final List<Boolean> quoted;

        private Tokens(List<String> texts, List<Integer> depths, List<Boolean> quoted) {
            this.texts = texts;
            this.depths = depths;
            this.quoted = quoted;
        }

        static Tokens of(String sql) {
            List<String> texts = new ArrayList<>();
            List<Integer> depths = new ArrayList<>();
            List<Boolean> quoted = new ArrayList<>();
            int depth = 0;
            int i = 0;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"') {
                    int end = sql.indexOf('"', i + 1);
                    end = end < 0 ? sql.length() : end;
                    texts.add(sql.substring(i + 1, end));
                    depths.add(depth);
                    quoted.add(true);
                    i = end + 1;
                } else if (c == '\'') {
                    int j = i + 1;
                    while (j < sql.length()
                            && !(sql.charAt(j) == '\'' && (j + 1 >= sql.length() || sql.charAt(j + 1) != '\''))) {
                        j += sql.charAt(j) == '\'' ? 2 : 1;
                    }
                    texts.add(sql.substring(i, Math.min(j + 1, sql.length())));
                    depths.add(depth);
                    quoted.add(true);
                    i = j + 1;
                } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                    int j = i;
                    while (j < sql.length()
                            && (Character.isLetterOrDigit(sql.charAt(j))
                                    || sql.charAt(j) == '_'
                                    || sql.charAt(j) == '$')) {
                        j++;
                    }
                    texts.add(sql.substring(i, j));
                    depths.add(depth);
                    quoted.add(false);
                    i = j;
                } else {
                    if (c == ')') {
                        depth--;
                    }
                    texts.add(String.valueOf(c));
                    depths.add(depth);
                    quoted.add(false);
                    if (c == '(') {
                        depth++;
                    }
                    i++;
                }
            }
            return new Tokens(texts, depths, quoted);
        }

        int size() {
            return texts.size();
        }

        String text(int i) {
            return i < texts.size() ? texts.get(i) : "";
        }

        String upper(int i) {
            return i < texts.size() && !quoted.get(i) ? texts.get(i).toUpperCase(Locale.ROOT) : "";
        }

        int depth(int i) {
            return depths.get(i);
        }

        int skip(int i, String keyword) {
            return upper(i).equals(keyword) ? i + 1 : i;
        }

        int skipIfExists(int i) {
            return upper(i).equals("IF") && upper(i + 1).equals("EXISTS") ? i + 2 : i;
        }

        int skipIfNotExists(int i) {
            return upper(i).equals("IF")
                            && upper(i + 1).equals("NOT")
                            && upper(i + 2).equals("EXISTS")
                    ? i + 3
                    : i;
        }

        /** A possibly schema-qualified name starting at {@code i}, quotes removed. */
        String name(int i) {
            if (i >= texts.size()) {
                return null;
            }
            StringBuilder sb = new StringBuilder(texts.get(i));
            while (text(i + 1).equals(".") && i + 2 < texts.size()) {
                sb.append('.').append(texts.get(i + 2));
                i += 2;
            }
            return sb.toString();
        }

        int afterName(int i) {
            int j = i + 1;
            while (text(j).equals(".") && j + 1 < texts.size()) {
                j += 2;
            }
            return j;
        }

        List<String> nameList(int i) {
            List<String> names = new ArrayList<>();
            while (i < texts.size()) {
                String name = name(i);
                names.add(name);
                i += 1 + 2 * (int) name.chars().filter(ch -> ch == '.').count();
                if (!text(i).equals(",")) {
                    break;
                }
                i++;
            }
            return names;
        }

        /** The column of an index's column list when it is exactly one plain column, otherwise null. */
        String singleColumnAfter(int from) {
            for (int i = from; i < texts.size(); i++) {
                if (text(i).equals("(") && depth(i) == 0) {
                    if (text(i + 2).equals(")") && !text(i + 1).equals("(")) {
                        return text(i + 1);
                    }
                    // "(col ASC)" or "(col DESC)" or "(col NULLS …)" still name one plain column.
                    int close = i + 1;
                    while (close < texts.size() && !(text(close).equals(")") && depth(close) == 0)) {
                        close++;
                    }
                    List<String> inside = texts.subList(i + 1, Math.min(close, texts.size()));
                    if (!inside.isEmpty()
                            && !inside.contains(",")
                            && !inside.contains("(")
                            && inside.subList(1, inside.size()).stream()
                                    .allMatch(w -> Set.of("ASC", "DESC", "NULLS", "FIRST", "LAST")
                                            .contains(w.toUpperCase(Locale.ROOT)))) {
                        return inside.get(0);
                    }
                    return null;
                }
            }
            return null;
        }

        boolean hasTopLevel(String keyword, int from) {
            for (int i = from; i < texts.size(); i++) {
                if (depth(i) == 0 && upper(i).equals(keyword)) {
                    return true;
                }
            }
            return false;
        }

        boolean contains(String keyword) {
            return hasTopLevel(keyword, 0) || texts.stream().anyMatch(w -> w.equalsIgnoreCase(keyword));
        }

        boolean containsSequence(String a, String b) {
            for (int i = 0; i + 1 < texts.size(); i++) {
                if (upper(i).equals(a) && upper(i + 1).equals(b)) {
                    return true;
                }
            }
            return false;
        }

        Tokens from(int i) {
            int from = Math.min(i, texts.size());
            return new Tokens(
                    texts.subList(from, texts.size()),
                    depths.subList(from, texts.size()),
                    quoted.subList(from, texts.size()));
        }

        List<Tokens> splitTopLevel(String separator) {
            List<Tokens> parts = new ArrayList<>();
            int start = 0;
            int base = texts.isEmpty() ? 0 : depths.get(0);
            for (int i = 0; i <= texts.size(); i++) {
                if (i == texts.size() || (depths.get(i) == base && texts.get(i).equals(separator))) {
                    if (i > start) {
                        parts.add(new Tokens(
                                texts.subList(start, i), depths.subList(start, i), quoted.subList(start, i)));
                    }
                    start = i + 1;
                }
            }
            return parts;
        }
    }
}
