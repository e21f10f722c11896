package org.migrationportal.cli.ci;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.migrationportal.cli.lint.LintFinding;
import org.migrationportal.cli.manifest.Migration;
import org.migrationportal.cli.manifest.Operation;
import org.migrationportal.cli.manifest.ScanProblem;
import org.migrationportal.cli.manifest.ScanResult;

/**
 * One thing a reviewer should see next to the code: a destructive or lock-taking operation, a parse
 * error, or a linter's finding, with the file (relative to the working directory, which is the checkout in
 * CI) and line it is about. Every CI format is rendered from a list of these.
 *
 * @param line 1-based; 0 when unknown (the formats then point at the file, or line 1 where one is required)
 */
public record CiFinding(String ruleId, Level level, String message, String file, int line, String revision) {

    public enum Level {
        ERROR,
        WARNING,
        NOTE;

        public String sarif() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the scanner saw that needs attention: parse errors, destructive and lock-taking operations. */
    public static List<CiFinding> of(ScanResult scan, Path scanned, Path workingDirectory) {
        SourceLocator files = new SourceLocator(scanned, workingDirectory);
        List<CiFinding> findings = new ArrayList<>();
        for (ScanProblem problem : scan.problems()) {
            findings.add(new CiFinding(
                    problem.severity() == ScanProblem.Severity.ERROR ? "parse-error" : "scan-warning",
                    problem.severity() == ScanProblem.Severity.ERROR ? Level.ERROR : Level.WARNING,
                    problem.message(),
                    files.locate(problem.file()),
                    problem.line(),
                    null));
        }
        for (Migration migration : scan.migrations()) {
            for (Operation operation : migration.operations()) {
                int line = operation.line() > 0 ? operation.line() : migration.sourceLine();
                String file = files.locate(migration.sourceFile());
                String what = describe(operation);
                if (operation.destructive()) {
                    findings.add(new CiFinding(
                            "destructive-operation",
                            Level.WARNING,
                            migration.revision() + " " + what
                                    + " is destructive: production needs an approval and a fresh backup first.",
                            file,
                            line,
                            migration.revision()));
                } else if (operation.takesLongLock()) {
                    findings.add(new CiFinding(
                            "lock-taking-operation",
                            Level.NOTE,
                            migration.revision() + " " + what + " holds a lock that blocks writers while it runs.",
                            file,
                            line,
                            migration.revision()));
                }
            }
        }
        return findings;
    }

    /** A linter's findings (Squawk, Atlas, SARIF) as read by {@code report}. */
    public static List<CiFinding> ofLint(List<LintFinding> lint, Path workingDirectory) {
        List<CiFinding> findings = new ArrayList<>();
        for (LintFinding f : lint) {
            Level level = switch (f.severity() == null ? "" : f.severity().toLowerCase(Locale.ROOT)) {
                case "error" -> Level.ERROR;
                case "info", "note" -> Level.NOTE;
                default -> Level.WARNING;
            };
            findings.add(new CiFinding(
                    f.rule() == null ? "lint" : f.rule(),
                    level,
                    f.message() == null ? f.rule() : f.message(),
                    relative(f.file(), workingDirectory),
                    f.line(),
                    f.revision()));
        }
        return findings;
    }

    private static String describe(Operation operation) {
        StringBuilder s = new StringBuilder(operation.type().name().toLowerCase(Locale.ROOT));
        if (operation.table() != null) {
            s.append(' ').append(operation.table());
            if (operation.column() != null) {
                s.append('.').append(operation.column());
            }
        }
        return s.toString();
    }

    /**
     * The scanner names files relative to the folder it read (an Alembic history's {@code versions/}, a Liquibase
     * master's folder); CI formats want them relative to the checkout, which is the working directory in CI.
     */
    private record SourceLocator(Path scanned, Path workingDirectory) {

        String locate(String file) {
            if (file == null || file.isBlank()) {
                return null;
            }
            Path base = java.nio.file.Files.isDirectory(scanned)
                    ? scanned
                    : scanned.toAbsolutePath().getParent();
            for (Path candidate :
                    List.of(base.resolve(file), base.resolve("versions").resolve(file))) {
                if (java.nio.file.Files.isRegularFile(candidate)) {
                    return relative(candidate.toString(), workingDirectory);
                }
            }
            return relative(file, workingDirectory);
        }
    }

    /** Forward slashes, relative to the checkout when inside it (code scanning and annotations expect that). */
    static String relative(String file, Path workingDirectory) {
        if (file == null || file.isBlank()) {
            return null;
        }
        Path path = Path.of(file);
        Path base = workingDirectory.toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        String shown = absolute.startsWith(base) ? base.relativize(absolute).toString() : path.toString();
        return shown.replace('\\', '/');
    }
}
