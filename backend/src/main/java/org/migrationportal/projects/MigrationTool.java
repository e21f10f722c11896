package org.migrationportal.projects;

import java.util.Arrays;
import java.util.Locale;

/** The migration tool a project uses; written in lowercase in the API and the database. */
public enum MigrationTool {
    ALEMBIC,
    LIQUIBASE,
    FLYWAY,
    OTHER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MigrationTool fromKey(String key) {
        return Arrays.stream(values())
                .filter(tool -> tool.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown migration tool " + key));
    }

    public static boolean isKey(String key) {
        return Arrays.stream(values()).anyMatch(tool -> tool.key().equals(key));
    }
}
