package org.migrationportal.cli.manifest;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Expand/contract phase. Only ever taken from an explicit marker in the migration, never inferred. */
public enum Phase {
    EXPAND,
    CONTRACT,
    NONE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Phase> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "expand" -> Optional.of(EXPAND);
            case "contract" -> Optional.of(CONTRACT);
            case "none" -> Optional.of(NONE);
            default -> Optional.empty();
        };
    }
}
