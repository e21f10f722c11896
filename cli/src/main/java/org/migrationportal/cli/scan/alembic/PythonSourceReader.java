package org.migrationportal.cli.scan.alembic;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of Python's tokenizer for migration files: splits source into logical lines, knowing
 * strings (all prefixes, triple quotes), comments, brackets and backslash continuations. Alembic
 * migrations are flat modules, so indentation plus logical lines is all the structure needed.
 */
final class PythonSourceReader {

    private PythonSourceReader() {}

    static List<PythonLogicalLine> logicalLines(String source) {
        List<PythonLogicalLine> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int n = source.length();
        int i = 0;
        int lineNo = 1;
        int depth = 0;
        boolean inLine = false;
        int startLine = 0;
        int indent = 0;
        while (i < n) {
            if (!inLine) {
                int j = i;
                int col = 0;
                while (j < n && (source.charAt(j) == ' ' || source.charAt(j) == '\t' || source.charAt(j) == '\f')) {
                    col = source.charAt(j) == '\t' ? (col / 8 + 1) * 8 : col + 1;
                    j++;
                }
                if (j >= n) {
                    break;
                }
                char c = source.charAt(j);
                if (c == '\n') {
                    lineNo++;
                    i = j + 1;
                    continue;
                }
                if (c == '\r') {
                    i = j + 1;
                    continue;
                }
                if (c == '#') {
                    i = skipComment(source, j);
                    continue;
                }
                inLine = true;
                startLine = lineNo;
                indent = col;
                current.setLength(0);
                i = j;
            }
            char c = source.charAt(i);
            if (c == '#') {
                i = skipComment(source, i);
                continue;
            }
            int stringEnd = stringEnd(source, i);
            if (stringEnd > i) {
                String literal = source.substring(i, stringEnd);
                current.append(literal);
                lineNo += (int) literal.chars().filter(ch -> ch == '\n').count();
                i = stringEnd;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            if (c == '\\' && i + 1 < n && (source.charAt(i + 1) == '\n' || source.charAt(i + 1) == '\r')) {
                i += source.charAt(i + 1) == '\r' && i + 2 < n && source.charAt(i + 2) == '\n' ? 3 : 2;
                lineNo++;
                current.append(' ');
                continue;
            }
            if (c == '\r') {
                i++;
                continue;
            }
            if (c == '\n') {
                lineNo++;
                i++;
                if (depth > 0) {
                    current.append('\n');
                } else {
                    lines.add(new PythonLogicalLine(
                            startLine, indent, current.toString().strip()));
                    inLine = false;
                }
                continue;
            }
            current.append(c);
            i++;
        }
        if (inLine && !current.toString().isBlank()) {
            lines.add(
                    new PythonLogicalLine(startLine, indent, current.toString().strip()));
        }
        return lines;
    }

    private static int skipComment(String s, int i) {
        int end = s.indexOf('\n', i);
        return end < 0 ? s.length() : end;
    }

    /**
     * End (exclusive) of the string literal starting at {@code i} (prefix letters included), or {@code i}
     * when no literal starts there. An unterminated literal runs to the end of the source.
     */
    static int stringEnd(String s, int i) {
        int n = s.length();
        int j = i;
        if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
            return i; // inside an identifier such as "user'"... not a literal start
        }
        while (j < n && j - i < 2 && "rRbBuUfF".indexOf(s.charAt(j)) >= 0) {
            j++;
        }
        if (j >= n || (s.charAt(j) != '\'' && s.charAt(j) != '"')) {
            return i;
        }
        char quote = s.charAt(j);
        boolean triple = j + 2 < n && s.charAt(j + 1) == quote && s.charAt(j + 2) == quote;
        int k = j + (triple ? 3 : 1);
        while (k < n) {
            char c = s.charAt(k);
            if (c == '\\') {
                k += 2;
                continue;
            }
            if (triple) {
                if (c == quote && k + 2 < n && s.charAt(k + 1) == quote && s.charAt(k + 2) == quote) {
                    return k + 3;
                }
            } else if (c == quote) {
                return k + 1;
            } else if (c == '\n') {
                return k; // unterminated single-quoted string: stop at the line end
            }
            k++;
        }
        return n;
    }
}
