package org.migrationportal.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import org.migrationportal.cli.manifest.ScanResult;
import org.migrationportal.cli.scan.MigrationTool;

/** Runs the right history reader for {@code --tool} (or the detected one). */
final class Scanner {

    private Scanner() {}

    static ScanResult scan(Path location, String tool) {
        if (!Files.exists(location)) {
            throw new IllegalArgumentException("no such file or folder: " + location);
        }
        MigrationTool t = tool == null || tool.equalsIgnoreCase("auto")
                ? MigrationTool.detect(location)
                : MigrationTool.parse(tool);
        return t.reader().read(location);
    }
}
