package org.migrationportal.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.migrationportal.cli.ExitCodes;
import org.migrationportal.cli.PortalCli;
import org.migrationportal.cli.ci.CiFinding;
import org.migrationportal.cli.ci.CiReports;
import org.migrationportal.cli.manifest.ScanResult;
import org.migrationportal.cli.manifest.ScanSummary;
import org.migrationportal.cli.scan.liquibase.LiquibaseRunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code scan <dir>}: the manifest as JSON on stdout, a readable summary on stderr. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = "Read a migration history and print its manifest (JSON) and a summary.")
public final class ScanCommand implements Callable<Integer> {

    @ParentCommand
    PortalCli cli;

    @Parameters(
            index = "0",
            paramLabel = "<location>",
            description =
                    "Alembic folder (or its versions/), Flyway location, or Liquibase folder or master changelog.")
    Path location;

    @Option(names = "--tool", defaultValue = "auto", description = "alembic, liquibase, flyway or auto (default).")
    String tool;

    @Option(
            names = {"-o", "--output"},
            description = "Write the JSON to this file instead of stdout.")
    Path output;

    @Option(
            names = "--format",
            defaultValue = "json",
            description = "json (manifest and summary), text (summary only), sarif (SARIF 2.1.0 for code scanning)"
                    + " or codequality (GitLab Code Quality).")
    String format;

    @Option(names = "--quiet", description = "No summary on stderr.")
    boolean quiet;

    @Option(names = "--strict", description = "Exit 5 when the history has parse errors.")
    boolean strict;

    @Option(
            names = "--dbms",
            description = "Liquibase: the database kind (postgresql, h2, …): only changesets whose dbms allows it,"
                    + " and checksums as Liquibase computes them there.")
    String dbms;

    @Option(names = "--contexts", description = "Liquibase: the contexts update runs with (e.g. prod,eu).")
    String contexts;

    @Option(names = "--labels", description = "Liquibase: the label expression update runs with (e.g. \"!slow\").")
    String labels;

    @Option(
            names = "--resource-root",
            description = "Liquibase: the folder non-relative includes resolve from (the classpath root,"
                    + " e.g. src/main/resources); default the master's folder.")
    Path resourceRoot;

    @Override
    public Integer call() throws Exception {
        ScanResult result =
                Scanner.scan(location, tool, new LiquibaseRunSettings(dbms, contexts, labels, resourceRoot));
        ScanSummary summary = ScanSummary.of(result);
        List<CiFinding> findings = CiFinding.of(result, location, Path.of(""));
        CiReports.annotateOnGitHub(cli.env(), findings, cli.err());
        if (format.equalsIgnoreCase("text")) {
            printSummary(summary, cli.out());
        } else if (format.equalsIgnoreCase("sarif") || format.equalsIgnoreCase("codequality")) {
            String text =
                    format.equalsIgnoreCase("sarif") ? CiReports.sarif(findings) : CiReports.codeQuality(findings);
            if (output != null) {
                CiReports.write(output, text);
            } else {
                cli.out().print(text);
            }
            if (!quiet) {
                printSummary(summary, cli.err());
            }
        } else if (!format.equalsIgnoreCase("json")) {
            cli.err().println("error: --format must be json, text, sarif or codequality");
            return ExitCodes.USAGE;
        } else {
            ObjectNode json = Json.MAPPER.createObjectNode();
            json.put("tool", result.tool());
            json.set("migrations", Json.MAPPER.valueToTree(result.migrations()));
            json.set("summary", Json.MAPPER.valueToTree(summary));
            String text = Json.PRETTY.writeValueAsString(json);
            if (output != null) {
                Files.writeString(output, text + "\n");
            } else {
                cli.out().println(text);
            }
            if (!quiet) {
                printSummary(summary, cli.err());
            }
        }
        return strict && result.hasErrors() ? ExitCodes.SCAN_ERRORS : ExitCodes.OK;
    }

    static void printSummary(ScanSummary s, PrintStream out) {
        out.printf("%s: %d migrations in %d files%n", s.tool(), s.migrations(), s.files());
        if (s.tool().equals("liquibase")) {
            out.printf(
                    "  master changelog: %s%n",
                    s.master() == null
                            ? "none found (pass the master changelog file to scan exactly what Liquibase runs)"
                            : s.master());
            out.printf(
                    "  not a changelog (skipped): %d  left out by --dbms/--contexts/--labels: %d%n",
                    s.notChangelogs(), s.filteredOut());
        }
        out.printf("  roots: %s  merges: %d  heads: %s%n", s.roots(), s.merges().size(), s.heads());
        out.printf(
                "  downgrade: %d reversible, %d lossy, %d none (%.1f%% reversible)%n",
                s.downgrade().reversible(),
                s.downgrade().lossy(),
                s.downgrade().none(),
                s.downgrade().reversiblePercent());
        out.printf("  non-transactional: %d%n", s.nonTransactional());
        list(out, "destructive operations", s.destructiveOperations());
        list(out, "lock-taking operations", s.lockTakingOperations());
        list(out, "unclassified", s.unclassified());
        out.printf("  parse errors: %d%n", s.parseErrors().size());
        s.parseErrors().forEach(e -> out.println("    " + e));
        if (!s.warnings().isEmpty()) {
            out.printf("  warnings: %d%n", s.warnings().size());
            s.warnings().forEach(w -> out.println("    " + w));
        }
    }

    private static void list(PrintStream out, String title, List<ScanSummary.OperationRef> refs) {
        out.printf("  %s: %d%n", title, refs.size());
        refs.stream()
                .limit(50)
                .forEach(r -> out.printf(
                        "    %s %s %s%s%s%n",
                        r.revision(),
                        r.type(),
                        r.table() == null ? "" : r.table(),
                        r.column() == null ? "" : "." + r.column(),
                        r.detail() == null ? "" : "  (" + r.detail() + ")"));
        if (refs.size() > 50) {
            out.printf("    … and %d more%n", refs.size() - 50);
        }
    }
}
