package org.migrationportal.cli.scan.liquibase;

import java.util.List;
import java.util.Map;

/**
 * One change inside a changeset, the same whatever the changelog format: its type ({@code dropColumn}),
 * attributes, the names of nested {@code column} entries, its SQL text (for {@code sql}) and whether a
 * {@code where} clause is present (for {@code update}/{@code delete}). {@code fields} is the change as
 * Liquibase serializes it for its checksum (see {@link ChangeFields}).
 */
record LiquibaseChange(
        String type,
        Map<String, String> attributes,
        List<String> columns,
        String sql,
        boolean hasWhere,
        int line,
        Map<String, Object> fields) {

    String attribute(String name) {
        String value = attributes.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
