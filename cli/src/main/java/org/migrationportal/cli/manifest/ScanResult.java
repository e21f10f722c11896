package org.migrationportal.cli.manifest;

import java.util.List;

/** What one scan produced: the migrations in history order, the files read, and every problem met. */
public record ScanResult(String tool, int files, List<Migration> migrations, List<ScanProblem> problems) {

    public ScanResult {
        migrations = List.copyOf(migrations);
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == ScanProblem.Severity.ERROR);
    }
}
