package org.migrationportal.cli.scan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.migrationportal.cli.scan.alembic.AlembicHistoryReader;
import org.migrationportal.cli.scan.flyway.FlywayHistoryReader;
import org.migrationportal.cli.scan.liquibase.LiquibaseHistoryReader;
import org.migrationportal.cli.scan.liquibase.LiquibaseRunSettings;

/** The migration tools the scanner reads, and how {@code --tool auto} tells them apart. */
public enum MigrationTool {
    ALEMBIC,
    LIQUIBASE,
    FLYWAY;

    private static final Pattern FLYWAY_NAME = Pattern.compile("^([VU]\\d[\\d._]*|R)__.+\\.(sql|java|kt)$");

    public HistoryReader reader() {
        return reader(LiquibaseRunSettings.NONE);
    }

    /** The reader; Liquibase's reads what {@code liquibase update} would run with these settings. */
    public HistoryReader reader(LiquibaseRunSettings liquibase) {
        return switch (this) {
            case ALEMBIC -> new AlembicHistoryReader();
            case LIQUIBASE -> new LiquibaseHistoryReader(liquibase);
            case FLYWAY -> new FlywayHistoryReader();
        };
    }

    public static MigrationTool parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /**
     * Decides by evidence, not by guessing: Alembic revision files ({@code revision = …} in a .py),
     * Flyway file names, or Liquibase changelog markers. The tool with most matching files wins.
     */
    public static MigrationTool detect(Path location) {
        if (Files.isRegularFile(location)) {
            return LIQUIBASE; // only Liquibase has a single master file
        }
        int alembic = 0;
        int flyway = 0;
        int liquibase = 0;
        for (Path file : SourceFiles.list(location, name -> true)) {
            String name = file.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            if (FLYWAY_NAME.matcher(name).matches()) {
                flyway++;
            } else if (lower.endsWith(".py")) {
                if (head(file).contains("revision")) {
                    alembic++;
                }
            } else if (lower.endsWith(".xml")
                    || lower.endsWith(".yaml")
                    || lower.endsWith(".yml")
                    || lower.endsWith(".json")
                    || lower.endsWith(".sql")) {
                String head = head(file);
                if (head.contains("databaseChangeLog")
                        || head.toLowerCase(Locale.ROOT).contains("liquibase formatted sql")) {
                    liquibase++;
                }
            }
        }
        if (alembic == 0 && flyway == 0 && liquibase == 0) {
            throw new IllegalArgumentException(
                    "no Alembic, Liquibase or Flyway migrations found in " + location + "; pass --tool to say which");
        }
        if (alembic >= flyway && alembic >= liquibase) {
            return ALEMBIC;
        }
        return flyway >= liquibase ? FLYWAY : LIQUIBASE;
    }

    private static String head(Path file) {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
