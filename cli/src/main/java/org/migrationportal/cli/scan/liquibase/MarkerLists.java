package org.migrationportal.cli.scan.liquibase;

import java.util.Arrays;
import java.util.List;

/** Liquibase labels and contexts: comma-separated, possibly expressions ("prod and !test"). */
final class MarkerLists {

    private MarkerLists() {}

    static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\s()]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty() && !s.equalsIgnoreCase("and") && !s.equalsIgnoreCase("or"))
                .toList();
    }
}
