package org.migrationportal.cli.scan.liquibase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Liquibase 4.33's changeset checksum, version 9 ({@code 9:<md5>}, what {@code DATABASECHANGELOG.MD5SUM}
 * holds), computed without Liquibase:
 *
 * <ul>
 *   <li>a changeset: MD5 of each change's checksum followed by {@code :}, then each {@code modifySql}
 *       visitor's followed by {@code ;} (changes whose {@code dbms} excludes the database are left out);
 *   <li>{@code sql}, {@code sqlFile} and formatted SQL: MD5 of the SQL with every space, tab, CR and LF removed;
 *   <li>every other change: MD5 of Liquibase's {@code StringChangeLogSerializer} text, {@code name:[fields]}
 *       with the non-null fields sorted and nested columns and constraints indented four spaces a level.
 * </ul>
 *
 * The oracle tests compare these values with liquibase-core's own for every fixture changelog.
 */
final class LiquibaseChecksum {

    static final String VERSION = "9";
    private static final String INDENT = "    ";

    private LiquibaseChecksum() {}

    /** A field that is a map rather than an object ({@code customChange}'s {@code param}), printed as {@code {k="v"}}. */
    record KeyValues(Map<String, String> values) {}

    /** {@code sql}, {@code sqlFile} and formatted SQL changes: whitespace does not count. */
    static String ofSql(String sql) {
        StringBuilder kept = new StringBuilder(sql.length());
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                kept.append(c);
            }
        }
        return VERSION + ":" + md5(kept.toString());
    }

    /**
     * A change Liquibase checksums by serializing it. Field values are strings, nested objects
     * ({@code Map}, such as a column's constraints) or collections of nested objects ({@code columns}).
     */
    static String ofSerialized(String changeName, Map<String, ?> fields) {
        return VERSION + ":" + md5(normalized(changeName + ":" + object(fields, 1)));
    }

    /**
     * A {@code modifySql} visitor ({@code replace}, {@code regExpReplace}, {@code append}, {@code prepend}):
     * its own fields and {@code applyToRollback}; version 9 leaves out its dbms, context and labels.
     */
    static String ofSqlVisitor(String name, Map<String, String> attributes, boolean applyToRollback) {
        Map<String, Object> fields = new TreeMap<>(attributes);
        fields.keySet().removeAll(java.util.Set.of("dbms", "context", "contextFilter", "labels", "applyToRollback"));
        fields.put("applyToRollback", String.valueOf(applyToRollback));
        return ofText(name + ":" + object(fields, 1));
    }

    /** {@code CheckSum.compute(String)}: the MD5 of the normalized text. */
    static String ofText(String text) {
        return VERSION + ":" + md5(normalized(text));
    }

    static String ofChangeSet(List<String> changeChecksums, List<String> visitorChecksums) {
        StringBuilder text = new StringBuilder();
        changeChecksums.forEach(c -> text.append(c).append(':'));
        visitorChecksums.forEach(v -> text.append(v).append(';'));
        return VERSION + ":" + md5(normalized(text.toString()));
    }

    private static String object(Map<String, ?> fields, int indent) {
        SortedSet<String> values = new TreeSet<>();
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            Object value = field.getValue();
            if (value == null) {
                continue;
            }
            if (value instanceof KeyValues map) {
                values.add(INDENT.repeat(indent) + field.getKey() + "=" + keyValues(map, indent + 1));
            } else if (value instanceof Map<?, ?> nested) {
                values.add(INDENT.repeat(indent) + object(cast(nested), indent + 1));
            } else if (value instanceof Collection<?> collection) {
                values.add(INDENT.repeat(indent) + field.getKey() + "=" + collection(collection, indent + 1));
            } else {
                values.add(INDENT.repeat(indent) + field.getKey() + "=\"" + value + "\"");
            }
        }
        StringBuilder sb = new StringBuilder("[");
        if (!values.isEmpty()) {
            sb.append('\n').append(String.join("\n", values)).append('\n');
        }
        sb.append(INDENT.repeat(indent - 1)).append(']');
        return sb.toString();
    }

    private static String keyValues(KeyValues map, int indent) {
        if (map.values().isEmpty()) {
            return "[]";
        }
        List<String> lines = new ArrayList<>();
        new TreeMap<>(map.values()).forEach((k, v) -> lines.add(INDENT.repeat(indent) + k + "=\"" + v + "\""));
        return "{\n" + String.join(",\n", lines) + "\n" + INDENT.repeat(indent - 1) + "}";
    }

    private static String collection(Collection<?> items, int indent) {
        if (items.isEmpty()) {
            return "[]";
        }
        List<String> lines = new ArrayList<>();
        for (Object item : items) {
            lines.add(INDENT.repeat(indent)
                    + (item instanceof Map<?, ?> nested ? object(cast(nested), indent + 1) : String.valueOf(item)));
        }
        return "[\n" + String.join(",\n", lines) + "\n" + INDENT.repeat(indent - 1) + "]";
    }

    /** What Liquibase's {@code CheckSum.compute(String)} does before hashing. */
    private static String normalized(String text) {
        return Normalizer.normalize(
                text.replace("\r\n", "\n").replace("\r", "\n").replace("\uFFFD", ""), Normalizer.Form.NFC);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
