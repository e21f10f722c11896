package org.migrationportal.cli.scan.liquibase;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Liquibase's {@code dbms} lists ("postgresql, h2", "!oracle", "all", "none") and what they match. */
final class DbmsList {

    private DbmsList() {}

    /** Liquibase's {@code DatabaseList.definitionMatches}: an empty list gives {@code whenEmpty}. */
    static boolean matches(String definition, String database, boolean whenEmpty) {
        List<String> kinds = definition == null
                ? List.of()
                : Arrays.stream(definition.split(","))
                        .map(s -> s.strip().toLowerCase(Locale.ROOT))
                        .filter(s -> !s.isEmpty())
                        .toList();
        if (kinds.isEmpty()) {
            return whenEmpty;
        }
        if (kinds.contains("all")) {
            return true;
        }
        if (kinds.contains("none")) {
            return false;
        }
        String name = database.toLowerCase(Locale.ROOT);
        if (kinds.contains("!" + name)) {
            return false;
        }
        List<String> wanted = kinds.stream().filter(k -> !k.startsWith("!")).toList();
        return wanted.isEmpty() || wanted.contains(name);
    }
}
