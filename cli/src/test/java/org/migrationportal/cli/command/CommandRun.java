package org.migrationportal.cli.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.migrationportal.cli.PortalCli;
import org.migrationportal.cli.portal.RetryPolicy;

/** Runs the real CLI in-process with a given environment and captures exit code, stdout and stderr. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new PortalCli(
                        env,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(20)))
                .execute(args);
        return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
