package org.migrationportal.cli.scan.alembic;

/**
 * One Python logical line: physical lines joined across brackets and backslashes, comments removed.
 * {@code indent} is the column of its first token, {@code line} the 1-based physical line it starts on.
 */
record PythonLogicalLine(int line, int indent, String text) {}
