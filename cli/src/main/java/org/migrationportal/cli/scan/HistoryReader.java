package org.migrationportal.cli.scan;

import java.nio.file.Path;
import org.migrationportal.cli.manifest.ScanResult;

/** Reads one tool's migration history from a directory (or a master changelog file). */
public interface HistoryReader {

    ScanResult read(Path location);
}
