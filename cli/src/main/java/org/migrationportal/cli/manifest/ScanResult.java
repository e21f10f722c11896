package org.migrationportal.cli.manifest;

import java.util.List;

/**
 * What one scan produced: the migrations in history order, the files read, and every problem met. For
 * Liquibase also the master changelog read (null when none was found), the files skipped as not
 * changelogs, and the changesets left out by {@code --dbms}, {@code --contexts} or {@code --labels}.
 */
public record ScanResult(
        String tool,
        int files,
        List<Migration> migrations,
        List<ScanProblem> problems,
        String master,
        int notChangelogs,
        int filteredOut) {

    public ScanResult {
        migrations = List.copyOf(migrations);
        problems = List.copyOf(problems);
    }

    public ScanResult(String tool, int files, List<Migration> migrations, List<ScanProblem> problems) {
        this(tool, files, migrations, problems, null, 0, 0);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == ScanProblem.Severity.ERROR);
    }
}
