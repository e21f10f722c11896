package org.migrationportal.cli;

import java.io.PrintStream;
import java.util.Map;
import org.migrationportal.cli.command.BackupCommand;
import org.migrationportal.cli.command.DeployCommand;
import org.migrationportal.cli.command.GateCommand;
import org.migrationportal.cli.command.HealthCommand;
import org.migrationportal.cli.command.ReportCommand;
import org.migrationportal.cli.command.ScanCommand;
import org.migrationportal.cli.portal.RetryPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code portal-cli}: scans migration histories and talks to the portal from pipelines.
 * The environment, streams and retry policy are injected so tests run the real commands in-process.
 */
@Command(
        name = "portal-cli",
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        description = "Migration scanner and CI client for the Migration Compliance Portal.",
        subcommands = {
            ScanCommand.class,
            ReportCommand.class,
            DeployCommand.class,
            BackupCommand.class,
            GateCommand.class,
            HealthCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (gate: allowed)",
            "1:the portal refused the request, or an unexpected error",
            "2:bad flags or arguments",
            "3:gate denied the deploy",
            "4:portal unreachable after every retry",
            "5:scan --strict found parse errors",
            "6:report --fail-on-check-failure: stored, but a check failed",
            "7:gate --wait: timed out while still waiting for approvals, a backup or staging"
        })
public final class PortalCli implements Runnable {

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final RetryPolicy retryPolicy;

    public PortalCli(Map<String, String> env, PrintStream out, PrintStream err, RetryPolicy retryPolicy) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.retryPolicy = retryPolicy;
    }

    public static void main(String[] args) {
        System.exit(new PortalCli(System.getenv(), System.out, System.err, RetryPolicy.standard()).execute(args));
    }

    public int execute(String... args) {
        CommandLine cli = new CommandLine(this);
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("error: " + e.getMessage());
            return ExitCodes.REJECTED;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    public Map<String, String> env() {
        return env;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }
}
