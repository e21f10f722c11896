package org.migrationportal.cli.manifest;

/** A parse error or warning, always with the file and line it is about. The scan goes on past it. */
public record ScanProblem(Severity severity, String file, int line, String message) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public static ScanProblem error(String file, int line, String message) {
        return new ScanProblem(Severity.ERROR, file, line, message);
    }

    public static ScanProblem warning(String file, int line, String message) {
        return new ScanProblem(Severity.WARNING, file, line, message);
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
