package org.migrationportal.cli.scan.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements on top-level semicolons, the way PostgreSQL's psql would: it
 * skips semicolons inside quotes, quoted identifiers, dollar-quoted bodies ({@code $$ … $$},
 * {@code $tag$ … $tag$}) and comments (nested block comments included). Comments are dropped from the
 * normalized text so that a commented-out {@code DROP TABLE} is never reported.
 */
public final class SqlStatementSplitter {

    /** A statement that defines a routine, whose body may be {@code BEGIN ATOMIC … END}. */
    private static final java.util.regex.Pattern ROUTINE = java.util.regex.Pattern.compile(
            "^\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?(FUNCTION|PROCEDURE)\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    private SqlStatementSplitter() {}

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    public static List<SqlStatement> split(String script) {
        return split(script, 1);
    }

    /** @param firstLine line number of the script's first character in its file */
    public static List<SqlStatement> split(String script, int firstLine) {
        List<SqlStatement> statements = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        StringBuilder normalized = new StringBuilder();
        int line = firstLine;
        int statementLine = -1;
        int atomicDepth = 0; // inside a PG 14 BEGIN ATOMIC … END body, where semicolons do not end the statement
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            char next = i + 1 < n ? script.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                int end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
                raw.append(script, i, end);
                appendSpace(normalized);
                i = end;
                continue;
            }
            if (c == '/' && next == '*') {
                int depth = 0;
                int j = i;
                while (j < n) {
                    if (script.startsWith("/*", j)) {
                        depth++;
                        j += 2;
                    } else if (script.startsWith("*/", j)) {
                        depth--;
                        j += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        if (script.charAt(j) == '\n') {
                            line++;
                        }
                        j++;
                    }
                }
                raw.append(script, i, Math.min(j, n));
                appendSpace(normalized);
                i = Math.min(j, n);
                continue;
            }
            if (c == ';' && atomicDepth == 0) {
                flush(statements, raw, normalized, statementLine);
                raw.setLength(0);
                normalized.setLength(0);
                statementLine = -1;
                i++;
                continue;
            }
            if (!Character.isWhitespace(c) && statementLine < 0) {
                statementLine = line;
            }
            int end = quotedEnd(script, i);
            if (end > i) {
                String quoted = script.substring(i, end);
                line += count(quoted, '\n');
                raw.append(quoted);
                normalized.append(quoted);
                i = end;
                continue;
            }
            if (Character.isLetter(c) && (i == 0 || !isWordChar(script.charAt(i - 1)))) {
                int j = i;
                while (j < n && isWordChar(script.charAt(j))) {
                    j++;
                }
                String word = script.substring(i, j).toUpperCase(java.util.Locale.ROOT);
                if (word.equals("BEGIN")
                        && atomicDepth == 0
                        && ROUTINE.matcher(normalized).find()) {
                    atomicDepth = 1;
                } else if (atomicDepth > 0 && (word.equals("BEGIN") || word.equals("CASE"))) {
                    atomicDepth++;
                } else if (atomicDepth > 0 && word.equals("END")) {
                    atomicDepth--;
                }
                raw.append(script, i, j);
                normalized.append(script, i, j);
                i = j;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            raw.append(c);
            if (Character.isWhitespace(c)) {
                appendSpace(normalized);
            } else {
                normalized.append(c);
            }
            i++;
        }
        flush(statements, raw, normalized, statementLine);
        return statements;
    }

    /** End index (exclusive) of a quoted token starting at {@code i}, or {@code i} if none starts there. */
    private static int quotedEnd(String s, int i) {
        char c = s.charAt(i);
        int n = s.length();
        if (c == '\'' || c == '"') {
            boolean backslashEscapes = c == '\'' && i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e');
            int j = i + 1;
            while (j < n) {
                char d = s.charAt(j);
                if (backslashEscapes && d == '\\') {
                    j += 2;
                    continue;
                }
                if (d == c) {
                    if (j + 1 < n && s.charAt(j + 1) == c) {
                        j += 2; // doubled quote is an escaped quote
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return n;
        }
        if (c == '$') {
            int j = i + 1;
            while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j < n && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
                String tag = s.substring(i, j + 1);
                int close = s.indexOf(tag, j + 1);
                return close < 0 ? n : close + tag.length();
            }
        }
        return i;
    }

    private static void flush(List<SqlStatement> out, StringBuilder raw, StringBuilder normalized, int line) {
        String norm = normalized.toString().trim();
        if (!norm.isEmpty()) {
            out.add(new SqlStatement(raw.toString().trim(), norm, line));
        }
    }

    private static void appendSpace(StringBuilder sb) {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
            sb.append(' ');
        }
    }

    private static int count(String s, char c) {
        int k = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }
}
