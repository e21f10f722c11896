package org.migrationportal.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the team's own check commands ({@code alembic heads}, a smoke script…) through the shell:
 * exit 0 means passed, anything else failed; the tail of its output becomes the check's details.
 */
final class CheckCommandRunner {

    static final int MAX_DETAILS = 2000;

    record Outcome(String status, String details) {}

    private CheckCommandRunner() {}

    static Outcome run(String command, long timeoutSeconds) throws IOException, InterruptedException {
        boolean windows = System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .contains("win");
        List<String> shell = windows ? List.of("cmd", "/c", command) : List.of("sh", "-c", command);
        Process process = new ProcessBuilder(shell).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Outcome("failed", "timed out after " + timeoutSeconds + " s: " + command);
        }
        String text = new String(output, StandardCharsets.UTF_8).strip();
        if (text.length() > MAX_DETAILS) {
            text = "…" + text.substring(text.length() - MAX_DETAILS);
        }
        int exit = process.exitValue();
        String details = text.isEmpty() ? command + " (exit " + exit + ")" : text;
        return new Outcome(exit == 0 ? "passed" : "failed", exit == 0 ? details : "exit " + exit + ": " + details);
    }
}
