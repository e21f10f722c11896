package org.migrationportal.cli.scan.liquibase;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Changelog properties ({@code <property name="schema" value="app"/>}) and their expansion in
 * {@code ${schema}}. As in Liquibase, the first definition of a name wins and unknown names stay as written.
 */
final class ChangelogProperties {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, String> values = new HashMap<>();

    void define(ChangelogEntry.Property property) {
        values.putIfAbsent(property.name(), property.value());
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** The text with every known {@code ${name}} replaced (XML-escaped inside XML documents). */
    String substitute(String text, boolean xml) {
        if (values.isEmpty()) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            String replacement = value == null ? m.group() : xml ? escapeXml(value) : value;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String escapeXml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
