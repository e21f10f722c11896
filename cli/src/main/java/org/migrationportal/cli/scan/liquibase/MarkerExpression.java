package org.migrationportal.cli.scan.liquibase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Liquibase's context and label expressions ({@code "prod, test"}, {@code "!test and (eu or us)"}):
 * a comma or {@code or} is either, {@code and} both, {@code !} or {@code not} negates; names compare
 * without case. Evaluated against a set of names (the contexts passed, or a changeset's labels).
 */
final class MarkerExpression {

    private static final Pattern TOKEN = Pattern.compile("\\(|\\)|,|!|[^\\s(),!]+");

    private final List<String> tokens = new ArrayList<>();
    private final Set<String> names;
    private int position;

    private MarkerExpression(String expression, Set<String> names) {
        Matcher m = TOKEN.matcher(expression);
        while (m.find()) {
            tokens.add(m.group().toLowerCase(Locale.ROOT));
        }
        this.names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Whether {@code expression} holds for {@code names}; a blank expression always does. */
    static boolean matches(String expression, Set<String> names) {
        if (expression == null || expression.isBlank()) {
            return true;
        }
        MarkerExpression e = new MarkerExpression(expression.replace("@", ""), names);
        return e.either();
    }

    /** The names of a comma-separated list ("prod, test"). */
    static Set<String> names(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return java.util.Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    private boolean either() {
        boolean value = both();
        while (peek(",") || peek("or")) {
            position++;
            value |= both();
        }
        return value;
    }

    private boolean both() {
        boolean value = single();
        while (peek("and")) {
            position++;
            value &= single();
        }
        return value;
    }

    private boolean single() {
        if (position >= tokens.size()) {
            return true;
        }
        String token = tokens.get(position++);
        if (token.equals("!") || token.equals("not")) {
            return !single();
        }
        if (token.equals("(")) {
            boolean value = either();
            if (peek(")")) {
                position++;
            }
            return value;
        }
        return names.contains(token);
    }

    private boolean peek(String token) {
        return position < tokens.size() && tokens.get(position).equals(token);
    }
}
