package org.migrationportal.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.migrationportal.cli.ExitCodes;
import org.migrationportal.cli.ci.JUnitReport;
import org.migrationportal.cli.ci.StepOutputs;
import org.migrationportal.cli.ci.StepSummary;
import org.migrationportal.cli.ci.WorkflowCommands;
import org.migrationportal.cli.portal.PortalClient;
import org.migrationportal.cli.portal.PortalException;
import org.migrationportal.cli.portal.PortalResponse;
import org.migrationportal.cli.portal.PortalUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gate}: asks whether this pipeline may apply a revision to an environment now. Exit 0 on allow,
 * 3 on deny, with every reason printed; {@code --json} puts the decision on stdout for later steps. With
 * {@code --wait} it asks again (with backoff, up to {@code --timeout}) while every reason is one that people
 * or other pipelines resolve in time (an approval, a backup, the staging deploy), and exits 7 if the time runs
 * out first. In CI it also sets step outputs, writes the step summary and, with {@code --junit}, a JUnit report.
 */
@Command(name = "gate", mixinStandardHelpOptions = true, description = "Ask the deploy gate; exit 3 on deny.")
public final class GateCommand extends PortalCommand {

    /** Reasons that resolve while the pipeline waits; any other reason makes a deny final. */
    static final Set<String> WAITABLE = Set.of("approval-missing", "staging-not-verified", "backup-missing");

    static final Duration LONGEST_INTERVAL = Duration.ofSeconds(60);

    @Option(names = "--project", description = "Default: env PORTAL_PROJECT.")
    String project;

    @Option(names = "--environment", required = true)
    String environment;

    @Option(names = "--to-revision", required = true)
    String toRevision;

    @Option(names = "--commit", description = "Default: the pull request's head SHA, else GITHUB_SHA / CI_COMMIT_SHA.")
    String commit;

    @Option(names = "--emergency", description = "Emergency deploy: the portal records it, with --reason, for review.")
    boolean emergency;

    @Option(names = "--reason", description = "Why (required with --emergency).")
    String reason;

    @Option(names = "--json", description = "Print the portal's decision as JSON on stdout.")
    boolean json;

    @Option(
            names = "--wait",
            description = "While the only reasons are approval-missing, staging-not-verified or backup-missing,"
                    + " ask again until allowed, finally denied, or --timeout.")
    boolean waitForDecision;

    @Option(names = "--timeout", defaultValue = "1800", description = "Seconds --wait waits at most (default 1800).")
    long timeoutSeconds;

    @Option(
            names = "--poll-interval",
            defaultValue = "10",
            description = "Seconds before the first repeat with --wait; doubles up to 60 (default 10).")
    long pollIntervalSeconds;

    private String resolvedProject;

    @Option(names = "--junit", description = "Write a JUnit XML report: one test case per reason.")
    Path junit;

    @Override
    String path() {
        return "/api/v1/gate";
    }

    @Override
    ObjectNode body() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        resolvedProject = project(project);
        body.put("project", resolvedProject);
        body.put("environment", environment);
        body.put("toRevision", toRevision);
        putIfPresent(body, "commitSha", CiEnvironment.firstNonNull(commit, ci().commitSha()));
        if (emergency) {
            body.put("emergency", true);
            if (reason == null || reason.isBlank()) {
                usageError = "--emergency needs --reason \"…\"";
            }
        }
        putIfPresent(body, "reason", reason);
        require(body.path("commitSha").asText(null), "--commit");
        if (timeoutSeconds < 0 || pollIntervalSeconds < 1) {
            usageError = "--timeout must be 0 or more and --poll-interval at least 1";
        }
        return body;
    }

    @Override
    int exchange(PortalClient client, ObjectNode body)
            throws PortalException, PortalUnreachableException, InterruptedException, IOException {
        Instant started = Instant.now();
        Instant deadline = started.plusSeconds(timeoutSeconds);
        Duration interval = Duration.ofSeconds(pollIntervalSeconds);
        while (true) {
            JsonNode decision = answer(client.post(path(), body));
            List<String> codes = codes(decision);
            boolean allowed = decision.path("decision").asText("").equals("allow");
            if (!waitForDecision || allowed || !WAITABLE.containsAll(codes)) {
                return finish(decision, started, false);
            }
            Instant now = Instant.now();
            if (!now.plus(interval).isBefore(deadline.plusMillis(1))) {
                cli.err().printf("gate: gave up waiting after %d s, still waiting for %s%n", timeoutSeconds, codes);
                return finish(decision, started, true);
            }
            cli.err()
                    .printf(
                            "gate: waiting for %s; asking again in %d s%n",
                            String.join(", ", codes), interval.toSeconds());
            for (JsonNode r : decision.path("reasons")) {
                cli.err()
                        .printf(
                                "  … %s: %s%n",
                                r.path("code").asText(), r.path("message").asText());
            }
            Thread.sleep(interval.toMillis());
            interval = interval.multipliedBy(2).compareTo(LONGEST_INTERVAL) > 0
                    ? LONGEST_INTERVAL
                    : interval.multipliedBy(2);
        }
    }

    private static JsonNode answer(PortalResponse response) {
        return response.body() == null ? Json.MAPPER.createObjectNode() : response.body();
    }

    private static List<String> codes(JsonNode decision) {
        List<String> codes = new ArrayList<>();
        decision.path("reasons").forEach(r -> codes.add(r.path("code").asText()));
        return codes;
    }

    private int finish(JsonNode d, Instant started, boolean timedOut) throws IOException {
        String decision = d.path("decision").asText("");
        String mode = d.path("mode").asText("enforce");
        boolean denied = !decision.equals("allow");
        if (json) {
            cli.out().println(d.toString());
        }
        cli.err()
                .printf(
                        "gate %s: %s (%s mode%s)%n",
                        d.path("id").asText("?"), denied ? "DENY" : "allow", mode, emergency ? ", emergency" : "");
        for (JsonNode r : d.path("reasons")) {
            cli.err()
                    .printf(
                            "  %s %s: %s%n",
                            denied ? "✗" : "!",
                            r.path("code").asText(),
                            r.path("message").asText());
            for (JsonNode e : r.path("evidence")) {
                cli.err()
                        .printf(
                                "      evidence: %s %s %s%n",
                                e.path("type").asText(),
                                e.path("id").asText(),
                                link(e.path("url").asText("")));
            }
        }
        if (!json) {
            cli.out().println(d.path("id").asText(""));
        }
        reportToCi(d, denied, started);
        if (!denied) {
            return ExitCodes.OK;
        }
        return timedOut ? ExitCodes.GATE_WAIT_TIMEOUT : ExitCodes.GATE_DENIED;
    }

    private void reportToCi(JsonNode d, boolean denied, Instant started) throws IOException {
        String decision = d.path("decision").asText("");
        List<String> codes = codes(d);
        new StepOutputs(cli.env())
                .put("decision", decision)
                .put("gate-id", d.path("id").asText(""))
                .put("reasons", String.join(",", codes))
                .put("reasons-json", d.path("reasons").toString())
                .write();
        if ("true".equals(cli.env().get("GITHUB_ACTIONS"))) {
            for (JsonNode r : d.path("reasons")) {
                String message = r.path("message").asText();
                cli.out()
                        .println(
                                denied
                                        ? WorkflowCommands.error(
                                                "gate: " + r.path("code").asText(), message)
                                        : "::warning title=gate%3A "
                                                + r.path("code").asText() + "::" + message);
            }
        }
        StepSummary.append(cli.env(), summary(d, denied));
        if (junit != null) {
            List<JUnitReport.Case> cases = new ArrayList<>();
            for (JsonNode r : d.path("reasons")) {
                String evidence = java.util.stream.StreamSupport.stream(
                                r.path("evidence").spliterator(), false)
                        .map(e -> e.path("type").asText() + " " + e.path("id").asText() + " "
                                + link(e.path("url").asText("")))
                        .collect(Collectors.joining("\n"));
                cases.add(new JUnitReport.Case(
                        r.path("code").asText(),
                        r.path("message").asText(),
                        r.path("message").asText() + (evidence.isEmpty() ? "" : "\n" + evidence),
                        denied));
            }
            if (cases.isEmpty()) {
                cases.add(new JUnitReport.Case("allow", "allowed", "", false));
            }
            double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            Files.writeString(junit, JUnitReport.of("gate " + resolvedProject + "/" + environment, cases, seconds));
        }
    }

    private String summary(JsonNode d, boolean denied) {
        StringBuilder md = new StringBuilder();
        md.append("### Deploy gate: ")
                .append(denied ? "❌ deny" : "✅ allow")
                .append(" — `")
                .append(StepSummary.cell(toRevision))
                .append("` to ")
                .append(StepSummary.cell(environment))
                .append(" (")
                .append(StepSummary.cell(d.path("mode").asText("enforce")))
                .append(" mode, [decision ")
                .append(d.path("id").asText())
                .append("](")
                .append(portalUrl)
                .append("/projects/")
                .append(StepSummary.cell(resolvedProject))
                .append("/environments/")
                .append(StepSummary.cell(environment))
                .append("))\n\n");
        if (d.path("reasons").isEmpty()) {
            md.append("Every practice the gate checks holds.\n");
            return md.toString();
        }
        md.append(denied ? "What this change needs before it can go to " : "Warnings for ")
                .append(StepSummary.cell(environment))
                .append(":\n\n| reason | what | evidence |\n|---|---|---|\n");
        for (JsonNode r : d.path("reasons")) {
            List<String> links = new ArrayList<>();
            for (JsonNode e : r.path("evidence")) {
                String url = e.path("url").asText("");
                String label = StepSummary.cell(
                        e.path("type").asText() + " " + e.path("id").asText());
                links.add(url.isEmpty() ? label : "[" + label + "](" + link(url) + ")");
            }
            md.append("| `")
                    .append(StepSummary.cell(r.path("code").asText()))
                    .append("` | ")
                    .append(StepSummary.cell(r.path("message").asText()))
                    .append(" | ")
                    .append(String.join(", ", links))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** Evidence links are paths on the portal; CI pages need them absolute. */
    private String link(String url) {
        return url.startsWith("/") && portalUrl != null ? portalUrl + url : url;
    }

    @Override
    int onSuccess(PortalResponse response) {
        throw new UnsupportedOperationException("exchange() handles the gate's answers");
    }
}
