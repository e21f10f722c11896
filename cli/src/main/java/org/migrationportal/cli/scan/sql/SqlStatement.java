package org.migrationportal.cli.scan.sql;

/**
 * One SQL statement as written, with the 1-based line it starts on, and the same text with comments
 * removed and whitespace collapsed (string and identifier quoting kept) for classification.
 */
public record SqlStatement(String text, String normalized, int line) {}
