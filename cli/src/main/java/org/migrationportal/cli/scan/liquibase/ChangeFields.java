package org.migrationportal.cli.scan.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A change's fields as Liquibase serializes them for its checksum, read from XML or YAML/JSON: attributes
 * as strings (booleans in lower case, as Liquibase prints its Boolean fields), {@code column} children as
 * the {@code columns} collection, a column's {@code constraints} as a nested object, {@code where} as text.
 */
final class ChangeFields {

    /** Changes whose element text is their {@code message} field. */
    private static final Set<String> MESSAGE_AS_TEXT = Set.of("output", "stop");

    private ChangeFields() {}

    static Map<String, Object> fromXml(XmlElement change) {
        Map<String, Object> fields = new TreeMap<>();
        change.attributes().forEach((k, v) -> fields.put(k, scalar(v)));
        List<Object> columns = new ArrayList<>();
        for (XmlElement child : change.children()) {
            switch (child.name()) {
                case "column" -> columns.add(columnFromXml(child));
                case "where" -> fields.put("where", child.textContent().strip());
                default -> {}
            }
        }
        if (!columns.isEmpty()) {
            fields.put("columns", columns);
        }
        if (change.name().equals("customChange")) {
            Map<String, String> params = new TreeMap<>();
            change.children("param").forEach(p -> params.put(p.attribute("name"), p.attribute("value")));
            fields.put("param", new LiquibaseChecksum.KeyValues(params));
        }
        String text = change.textContent().strip();
        if (MESSAGE_AS_TEXT.contains(change.name()) && !text.isEmpty()) {
            fields.putIfAbsent("message", text);
        }
        return fields;
    }

    private static Map<String, Object> columnFromXml(XmlElement column) {
        Map<String, Object> fields = new TreeMap<>();
        column.attributes().forEach((k, v) -> putColumnField(fields, k, v));
        for (XmlElement child : column.children("constraints")) {
            Map<String, Object> constraints = new TreeMap<>();
            child.attributes().forEach((k, v) -> constraints.put(k, scalar(v)));
            fields.put("constraints", constraints);
        }
        String text = column.textContent().strip();
        if (!text.isEmpty() && !fields.containsKey("value")) {
            fields.put("value", text);
        }
        return fields;
    }

    static Map<String, Object> fromYaml(Map<?, ?> change) {
        Map<String, Object> fields = new TreeMap<>();
        for (Map.Entry<?, ?> e : change.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            if (key.equals("columns") && value instanceof List<?> list) {
                List<Object> columns = new ArrayList<>();
                for (Object item : list) {
                    if (item instanceof Map<?, ?> wrapper && wrapper.get("column") instanceof Map<?, ?> column) {
                        columns.add(columnFromYaml(column));
                    }
                }
                fields.put("columns", columns);
            } else if (value != null && !(value instanceof Map || value instanceof List)) {
                fields.put(key, scalar(String.valueOf(value)));
            }
        }
        return fields;
    }

    private static Map<String, Object> columnFromYaml(Map<?, ?> column) {
        Map<String, Object> fields = new TreeMap<>();
        for (Map.Entry<?, ?> e : column.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals("constraints") && e.getValue() instanceof Map<?, ?> constraints) {
                Map<String, Object> nested = new TreeMap<>();
                constraints.forEach((k, v) -> {
                    if (v != null) {
                        nested.put(String.valueOf(k), scalar(String.valueOf(v)));
                    }
                });
                fields.put("constraints", nested);
            } else if (e.getValue() != null && !(e.getValue() instanceof Map || e.getValue() instanceof List)) {
                putColumnField(fields, key, String.valueOf(e.getValue()));
            }
        }
        return fields;
    }

    /**
     * ColumnConfig keeps a {@code valueDate} that is not a date ({@code NOW()}, {@code ${now}}) as a
     * computed value, and so serializes it as {@code valueComputed}; a {@code valueDate} also keeps its raw text.
     */
    private static void putColumnField(Map<String, Object> fields, String key, String value) {
        if (key.equals("valueDate")) {
            fields.put("rawDateValue", value); // ColumnConfig keeps the text as written, and serializes it
        }
        if ((key.equals("valueDate") || key.equals("defaultValueDate"))
                && !ISO_DATE.matcher(value).matches()) {
            fields.put(key.replace("Date", "Computed"), value);
        } else {
            fields.put(key, scalar(value));
        }
    }

    private static final java.util.regex.Pattern ISO_DATE =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?");

    private static String scalar(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false") ? lower : value;
    }
}
