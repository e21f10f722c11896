package org.migrationportal.cli.scan.liquibase;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.migrationportal.cli.manifest.ScanProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads YAML (and JSON, which SnakeYAML also reads) changelogs. Works on SnakeYAML's node tree so each
 * changeset keeps its line number.
 */
final class LiquibaseYamlChangelogParser {

    private LiquibaseYamlChangelogParser() {}

    static ParsedChangelog parse(String text, String file) {
        List<ChangelogEntry> entries = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            problems.add(ScanProblem.error(file, line, "YAML: " + e.getProblem()));
            return new ParsedChangelog(entries, problems);
        } catch (RuntimeException e) {
            problems.add(ScanProblem.error(file, 1, "YAML: " + e.getMessage()));
            return new ParsedChangelog(entries, problems);
        }
        Node log = root instanceof MappingNode m ? value(m, "databaseChangeLog") : null;
        if (!(log instanceof SequenceNode sequence)) {
            problems.add(ScanProblem.error(file, 1, "not a Liquibase changelog (no databaseChangeLog list)"));
            return new ParsedChangelog(entries, problems);
        }
        for (Node item : sequence.getValue()) {
            if (!(item instanceof MappingNode entry) || entry.getValue().isEmpty()) {
                continue;
            }
            NodeTuple first = entry.getValue().get(0);
            String kind = scalar(first.getKeyNode());
            int line = first.getKeyNode().getStartMark().getLine() + 1;
            Object body = toJava(first.getValueNode());
            Map<String, Object> map = body instanceof Map<?, ?> ? cast(body) : Map.of();
            switch (kind == null ? "" : kind) {
                case "changeSet" ->
                    entries.add(new ChangelogEntry.ChangeSetEntry(changeSet(map, file, line, problems)));
                case "include" ->
                    entries.add(new ChangelogEntry.Include(
                            string(map.get("file")), isTrue(map.get("relativeToChangelogFile")), false, line));
                case "includeAll" ->
                    entries.add(new ChangelogEntry.Include(
                            string(map.get("path")), isTrue(map.get("relativeToChangelogFile")), true, line));
                case "property" -> {
                    if (map.get("name") != null && map.get("value") != null) {
                        entries.add(new ChangelogEntry.Property(
                                string(map.get("name")), string(map.get("value")), string(map.get("dbms"))));
                    }
                }
                default -> {}
            }
        }
        return new ParsedChangelog(entries, problems);
    }

    private static LiquibaseChangeSet changeSet(
            Map<String, Object> cs, String file, int line, List<ScanProblem> problems) {
        String id = string(cs.get("id"));
        String author = string(cs.get("author"));
        if (id == null || author == null) {
            problems.add(ScanProblem.error(file, line, "changeSet without id or author"));
        }
        List<LiquibaseChange> changes = new ArrayList<>();
        if (cs.get("changes") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                    Map.Entry<?, ?> e = m.entrySet().iterator().next();
                    changes.add(change(String.valueOf(e.getKey()), e.getValue(), line));
                }
            }
        }
        LiquibaseChangeSet.Rollback rollback = LiquibaseChangeSet.Rollback.ABSENT;
        if (cs.containsKey("rollback")) {
            rollback = isEmpty(cs.get("rollback"))
                    ? LiquibaseChangeSet.Rollback.EMPTY
                    : LiquibaseChangeSet.Rollback.WRITTEN;
        }
        List<String> contexts = new ArrayList<>(MarkerLists.split(string(cs.get("context"))));
        contexts.addAll(MarkerLists.split(string(cs.get("contexts"))));
        contexts.addAll(MarkerLists.split(string(cs.get("contextFilter"))));
        return new LiquibaseChangeSet(
                id,
                author,
                file,
                line,
                changes,
                rollback,
                !"false".equalsIgnoreCase(string(cs.get("runInTransaction"))),
                MarkerLists.split(string(cs.get("labels"))),
                contexts,
                string(cs.get("comment")),
                new LiquibaseChangeSet.Conditions(
                        string(cs.get("dbms")),
                        cs.get("contextFilter") != null ? string(cs.get("contextFilter")) : string(cs.get("context")),
                        string(cs.get("labels"))),
                sqlVisitorChecksums(cs.get("modifySql")));
    }

    /** {@code modifySql: [{applyToRollback: …, replace: {replace: …, with: …}}]} (or one map), in order. */
    private static List<String> sqlVisitorChecksums(Object modifySql) {
        List<Object> blocks = modifySql instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
        if (modifySql instanceof Map<?, ?>) {
            blocks.add(modifySql);
        }
        List<String> checksums = new ArrayList<>();
        for (Object block : blocks) {
            if (!(block instanceof Map<?, ?> map)) {
                continue;
            }
            boolean applyToRollback = isTrue(map.get("applyToRollback"));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> visitor) {
                    Map<String, String> fields = new java.util.TreeMap<>();
                    visitor.forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
                    checksums.add(LiquibaseChecksum.ofSqlVisitor(String.valueOf(e.getKey()), fields, applyToRollback));
                }
            }
        }
        return checksums;
    }

    private static LiquibaseChange change(String type, Object body, int line) {
        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>();
        boolean hasWhere = false;
        String sql = null;
        Map<String, Object> fields = Map.of();
        if (body instanceof Map<?, ?> map) {
            fields = ChangeFields.fromYaml(map);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (e.getValue() instanceof List<?> list && key.equals("columns")) {
                    for (Object item : list) {
                        if (item instanceof Map<?, ?> wrapper
                                && wrapper.get("column") instanceof Map<?, ?> column
                                && column.get("name") != null) {
                            columns.add(String.valueOf(column.get("name")));
                        }
                    }
                } else if (key.equals("where")) {
                    hasWhere = !isEmpty(e.getValue());
                } else if (e.getValue() != null && !(e.getValue() instanceof Map || e.getValue() instanceof List)) {
                    attributes.put(key, String.valueOf(e.getValue()));
                }
            }
            sql = attributes.get("sql");
            if (sql == null) {
                sql = attributes.get("selectQuery");
            }
        } else if (body instanceof String s) {
            sql = s; // "- sql: DROP TABLE x" short form
        }
        return new LiquibaseChange(type, attributes, columns, sql, hasWhere, line, fields);
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof String s && s.isBlank())
                || (value instanceof List<?> l && l.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (key.equals(scalar(t.getKeyNode()))) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    /** Node tree to maps, lists and strings ("null", "~" and empty scalars become null). */
    private static Object toJava(Node node) {
        if (node instanceof ScalarNode s) {
            String v = s.getValue();
            boolean plainNull = s.getTag().getValue().endsWith(":null")
                    || (s.isPlain()
                            && (v.isEmpty()
                                    || v.equals("~")
                                    || v.equals("null")
                                    || v.equals("Null")
                                    || v.equals("NULL")));
            return plainNull ? null : v;
        }
        if (node instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>();
            seq.getValue().forEach(n -> list.add(toJava(n)));
            return list;
        }
        if (node instanceof MappingNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                out.put(String.valueOf(toJava(t.getKeyNode())), toJava(t.getValueNode()));
            }
            return out;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static boolean isTrue(Object o) {
        return o != null && "true".equalsIgnoreCase(String.valueOf(o));
    }
}
