package org.migrationportal.cli.scan.liquibase;

import java.util.List;
import org.migrationportal.cli.manifest.ScanProblem;

record ParsedChangelog(List<ChangelogEntry> entries, List<ScanProblem> problems) {}
