package org.migrationportal.cli.scan.alembic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few Python expression shapes migration headers and operation arguments use: string literals
 * (implicitly concatenated, any prefix), {@code None}, tuples and lists. Anything else is {@link Other}:
 * a name, a call, an f-string... which callers treat as "not known statically", never as a guess.
 */
sealed interface PythonValue {

    record Str(String value) implements PythonValue {}

    record NoneValue() implements PythonValue {}

    record Sequence(List<PythonValue> items) implements PythonValue {}

    record Other(String text) implements PythonValue {}

    /** Calls that only wrap a literal: {@code sa.text("…")}, {@code text("…")}, {@code op.f("ix_…")}. */
    Pattern WRAPPER = Pattern.compile(
            "^(?:(?:sa|sqlalchemy|sql|sa\\.sql|sqlalchemy\\.sql)\\.)?(?:text|literal_column)\\s*\\(|^op\\.f\\s*\\(");

    static PythonValue parse(String expression) {
        String e = expression.strip();
        if (e.isEmpty()) {
            return new Other(e);
        }
        if (e.equals("None")) {
            return new NoneValue();
        }
        Matcher wrapper = WRAPPER.matcher(e);
        if (wrapper.find() && PythonCall.closingParen(e, wrapper.end() - 1) == e.length() - 1) {
            List<String> args = PythonCall.splitTopLevel(e.substring(wrapper.end(), e.length() - 1));
            return args.isEmpty() ? new Other(e) : parse(args.get(0));
        }
        char first = e.charAt(0);
        if ((first == '(' || first == '[') && PythonCall.closingParen(e, 0) == e.length() - 1) {
            String inner = e.substring(1, e.length() - 1);
            List<String> parts = PythonCall.splitTopLevel(inner);
            boolean tuple = first == '[' || parts.size() != 1 || inner.strip().endsWith(",");
            if (!tuple) {
                return parse(parts.get(0)); // a parenthesised expression, not a tuple
            }
            List<PythonValue> items = new ArrayList<>();
            for (String part : parts) {
                items.add(parse(part));
            }
            return new Sequence(items);
        }
        return parseStrings(e);
    }

    /** One or more adjacent string literals, as Python concatenates them; f-strings are dynamic. */
    private static PythonValue parseStrings(String e) {
        StringBuilder value = new StringBuilder();
        int i = 0;
        boolean any = false;
        while (i < e.length()) {
            if (Character.isWhitespace(e.charAt(i))) {
                i++;
                continue;
            }
            int end = PythonSourceReader.stringEnd(e, i);
            if (end == i) {
                return new Other(e);
            }
            String literal = e.substring(i, end);
            int quoteAt = 0;
            while ("rRbBuUfF".indexOf(literal.charAt(quoteAt)) >= 0) {
                quoteAt++;
            }
            String prefix = literal.substring(0, quoteAt).toLowerCase(java.util.Locale.ROOT);
            if (prefix.contains("f")) {
                return new Other(e);
            }
            char q = literal.charAt(quoteAt);
            boolean triple =
                    literal.startsWith(String.valueOf(q).repeat(3), quoteAt) && literal.length() >= quoteAt + 6;
            int open = quoteAt + (triple ? 3 : 1);
            int close = literal.length() - (triple ? 3 : 1);
            if (close < open) {
                return new Other(e); // unterminated
            }
            String body = literal.substring(open, close);
            value.append(prefix.contains("r") ? body : unescape(body));
            any = true;
            i = end;
        }
        return any ? new Str(value.toString()) : new Other(e);
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                switch (d) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case '\n' -> {}
                    default -> sb.append(d);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    default Optional<String> asString() {
        return this instanceof Str s ? Optional.of(s.value()) : Optional.empty();
    }

    /** String items of a tuple/list, or the single string. Empty when not statically known. */
    default Optional<List<String>> asStrings() {
        if (this instanceof Str s) {
            return Optional.of(List.of(s.value()));
        }
        if (this instanceof NoneValue) {
            return Optional.of(List.of());
        }
        if (this instanceof Sequence seq) {
            List<String> out = new ArrayList<>();
            for (PythonValue item : seq.items()) {
                if (!(item instanceof Str s)) {
                    return Optional.empty();
                }
                out.add(s.value());
            }
            return Optional.of(out);
        }
        return Optional.empty();
    }
}
