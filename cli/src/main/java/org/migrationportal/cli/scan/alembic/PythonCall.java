package org.migrationportal.cli.scan.alembic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A call such as {@code op.alter_column("t", "c", type_=sa.Text())}: receiver, method and arguments. */
record PythonCall(String receiver, String method, List<String> positional, Map<String, String> keywords) {

    /** A statement that is a call on a simple name, optionally assigned or awaited. */
    private static final Pattern STATEMENT_CALL = Pattern.compile(
            "^(?:[\\w\\s,\\[\\]().]+?\\s*=(?!=)\\s*)?(?:await\\s+)?([A-Za-z_]\\w*)\\.([A-Za-z_]\\w*)\\s*\\(");

    private static final Pattern KEYWORD = Pattern.compile("^([A-Za-z_]\\w*)\\s*=(?!=)\\s*(.*)$", Pattern.DOTALL);

    static Optional<PythonCall> ofStatement(String statement) {
        Matcher m = STATEMENT_CALL.matcher(statement);
        if (!m.find()) {
            return Optional.empty();
        }
        int open = m.end() - 1;
        int close = closingParen(statement, open);
        if (close < 0) {
            return Optional.empty();
        }
        List<String> positional = new ArrayList<>();
        Map<String, String> keywords = new LinkedHashMap<>();
        for (String arg : splitTopLevel(statement.substring(open + 1, close))) {
            Matcher k = KEYWORD.matcher(arg.strip());
            if (k.matches()) {
                keywords.put(k.group(1), k.group(2).strip());
            } else {
                positional.add(arg.strip());
            }
        }
        return Optional.of(new PythonCall(m.group(1), m.group(2), positional, keywords));
    }

    PythonValue arg(int index, String keyword) {
        if (keyword != null && keywords.containsKey(keyword)) {
            return PythonValue.parse(keywords.get(keyword));
        }
        return index >= 0 && index < positional.size() && !positional.get(index).startsWith("*")
                ? PythonValue.parse(positional.get(index))
                : new PythonValue.Other("");
    }

    String string(int index, String keyword) {
        return arg(index, keyword).asString().orElse(null);
    }

    boolean isTrue(String keyword) {
        return "True".equals(keywords.get(keyword));
    }

    /** Index of the bracket closing the one at {@code open}, skipping strings; -1 if unbalanced. */
    static int closingParen(String s, int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            int end = PythonSourceReader.stringEnd(s, i);
            if (end > i) {
                i = end;
                continue;
            }
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
            i++;
        }
        return -1;
    }

    /** Splits on commas outside brackets and strings; a trailing comma yields no empty item. */
    static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            int end = PythonSourceReader.stringEnd(s, i);
            if (end > i) {
                i = end;
                continue;
            }
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
            i++;
        }
        parts.add(s.substring(start));
        parts.removeIf(String::isBlank);
        return parts;
    }
}
