package org.migrationportal.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import org.migrationportal.cli.manifest.ScanResult;
import org.migrationportal.cli.scan.MigrationTool;
import org.migrationportal.cli.scan.liquibase.LiquibaseRunSettings;

/** Runs the right history reader for {@code --tool} (or the detected one). */
final class Scanner {

    private Scanner() {}

    static ScanResult scan(Path location, String tool) {
        return scan(location, tool, LiquibaseRunSettings.NONE);
    }

    static ScanResult scan(Path location, String tool, LiquibaseRunSettings liquibase) {
        if (!Files.exists(location)) {
            throw new IllegalArgumentException("no such file or folder: " + location);
        }
        MigrationTool t = tool == null || tool.equalsIgnoreCase("auto")
                ? MigrationTool.detect(location)
                : MigrationTool.parse(tool);
        return t.reader(liquibase).read(location);
    }
}
