package org.migrationportal.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.migrationportal.cli.ci.CiFinding;
import org.migrationportal.cli.ci.CiReports;
import org.migrationportal.cli.ci.StepOutputs;
import org.migrationportal.cli.ci.StepSummary;
import org.migrationportal.cli.lint.FindingRevisionMapper;
import org.migrationportal.cli.lint.LintFinding;
import org.migrationportal.cli.lint.LintReportReader;
import org.migrationportal.cli.manifest.Migration;
import org.migrationportal.cli.manifest.ScanResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code report}: posts one CI run (checks, reviews, manifest) to {@code POST /api/v1/ci-runs}. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Post a CI run: checks, PR reviews and the scanned manifest.")
public final class ReportCommand extends PortalCommand {

    private static final Set<String> STATUSES = Set.of("passed", "failed", "skipped");

    @Option(names = "--project", description = "Default: env PORTAL_PROJECT.")
    String project;

    @Option(names = "--provider", description = "Default: github-actions / gitlab-ci when run there.")
    String provider;

    @Option(names = "--external-id", description = "CI run id. Default: GITHUB_RUN_ID / CI_PIPELINE_ID.")
    String externalId;

    @Option(names = "--attempt", description = "Default: GITHUB_RUN_ATTEMPT, else 1.")
    Integer attempt;

    @Option(names = "--url", description = "Link to the run. Default from the CI environment.")
    String url;

    @Option(names = "--commit", description = "Commit SHA. Default: GITHUB_SHA / CI_COMMIT_SHA.")
    String commit;

    @Option(names = "--branch")
    String branch;

    @Option(names = "--pr", description = "Pull/merge request number.")
    Integer pullRequest;

    @Option(
            names = "--commit-author",
            description =
                    "Who committed (portal username). Default: GITHUB_ACTOR / GITLAB_USER_LOGIN, CI_COMMIT_AUTHOR.")
    String commitAuthor;

    @Option(
            names = "--pr-author",
            description = "Who opened the pull/merge request. Default: the GitHub event payload / GITLAB_USER_LOGIN.")
    String pullRequestAuthor;

    @Option(names = "--started-at", description = "ISO-8601 start of the run (default: now).")
    String startedAt;

    @Option(names = "--finished-at", description = "ISO-8601 end of the run (default: now).")
    String finishedAt;

    @Option(names = "--migrations", description = "Migration folder (or Liquibase master changelog) to scan.")
    Path migrations;

    @Option(names = "--tool", defaultValue = "auto")
    String tool;

    @Option(names = "--manifest", description = "JSON written by `scan -o`, instead of --migrations.")
    Path manifest;

    @Option(names = "--check", paramLabel = "NAME=STATUS", description = "A check result: passed, failed or skipped.")
    Map<String, String> checks = new LinkedHashMap<>();

    @Option(names = "--check-details", paramLabel = "NAME=TEXT")
    Map<String, String> checkDetails = new LinkedHashMap<>();

    @Option(
            names = "--check-cmd",
            paramLabel = "NAME=COMMAND",
            description = "Run a command; exit 0 = passed, otherwise failed; its output becomes the details.")
    Map<String, String> checkCommands = new LinkedHashMap<>();

    @Option(names = "--check-timeout", defaultValue = "1800", description = "Seconds per --check-cmd.")
    long checkTimeout;

    @Option(names = "--lint-squawk", description = "Squawk --reporter json output.")
    List<Path> squawk = new ArrayList<>();

    @Option(names = "--lint-atlas", description = "Atlas migrate lint JSON output.")
    List<Path> atlas = new ArrayList<>();

    @Option(names = "--lint-sarif", description = "SARIF 2.1.0 file.")
    List<Path> sarif = new ArrayList<>();

    @Option(
            names = "--fail-on-check-failure",
            description = "After the run is stored, exit 6 if any check failed (so the CI job goes red).")
    boolean failOnCheckFailure;

    @Option(
            names = "--reviews",
            description = "JSON array of reviews: {reviewer, state, at} or GitHub's review objects.")
    Path reviews;

    @Option(names = "--sarif-output", description = "Also write the findings as SARIF 2.1.0 (GitHub code scanning).")
    Path sarifOutput;

    @Option(names = "--codequality-output", description = "Also write the findings as GitLab Code Quality JSON.")
    Path codeQualityOutput;

    /** The scan's and the linters' findings, for the CI formats. */
    private final List<CiFinding> ciFindings = new ArrayList<>();

    private int migrationCount;

    @Override
    String path() {
        return "/api/v1/ci-runs";
    }

    @Override
    ObjectNode body() throws Exception {
        CiEnvironment ci = ci();
        ArrayNode migrationNodes = migrationsJson();
        List<Migration> scanned = lastScan == null ? List.of() : lastScan.migrations();

        Map<String, ObjectNode> checkNodes = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : checks.entrySet()) {
            String status = c.getValue().toLowerCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                usageError =
                        "--check " + c.getKey() + "=" + c.getValue() + ": status must be passed, failed or skipped";
            }
            checkNodes.put(c.getKey(), check(c.getKey(), status, checkDetails.get(c.getKey())));
        }
        for (Map.Entry<String, String> c : checkCommands.entrySet()) {
            CheckCommandRunner.Outcome outcome = CheckCommandRunner.run(c.getValue(), checkTimeout);
            cli.err().println("check " + c.getKey() + ": " + outcome.status());
            checkNodes.put(
                    c.getKey(),
                    check(c.getKey(), outcome.status(), checkDetails.getOrDefault(c.getKey(), outcome.details())));
        }
        List<LintFinding> findings = new ArrayList<>();
        Map<String, Integer> perTool = new LinkedHashMap<>();
        readLint(LintReportReader.Format.SQUAWK, squawk, findings, perTool);
        readLint(LintReportReader.Format.ATLAS, atlas, findings, perTool);
        readLint(LintReportReader.Format.SARIF, sarif, findings, perTool);
        if (!squawk.isEmpty() || !atlas.isEmpty() || !sarif.isEmpty()) {
            findings = FindingRevisionMapper.map(findings, scanned);
            ObjectNode lint = checkNodes.get("lint");
            if (lint == null) {
                // No explicit status: the linters failed the check if they found anything (their own exit rule).
                List<String> parts = new ArrayList<>();
                perTool.forEach((t, n) -> parts.add(t + ": " + n + (n == 1 ? " finding" : " findings")));
                lint = check(
                        "lint",
                        findings.isEmpty() ? "passed" : "failed",
                        checkDetails.getOrDefault("lint", String.join(", ", parts)));
                checkNodes.put("lint", lint);
            }
            lint.set("findings", Json.MAPPER.valueToTree(findings));
        }
        Path here = Path.of("");
        if (lastScan != null) {
            ciFindings.addAll(CiFinding.of(lastScan, migrations, here));
        }
        ciFindings.addAll(CiFinding.ofLint(findings, here));
        migrationCount = migrationNodes.size();
        checkStatuses.clear();
        checkNodes
                .values()
                .forEach(c -> checkStatuses.put(
                        c.path("name").asText(), c.path("status").asText()));

        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("project", project(project));
        putIfPresent(body, "provider", CiEnvironment.firstNonNull(provider, ci.provider()));
        putIfPresent(body, "externalId", CiEnvironment.firstNonNull(externalId, ci.externalId()));
        body.put("attempt", CiEnvironment.firstNonNull(attempt, CiEnvironment.firstNonNull(ci.attempt(), 1)));
        putIfPresent(body, "url", CiEnvironment.firstNonNull(url, ci.url()));
        putIfPresent(body, "commitSha", CiEnvironment.firstNonNull(commit, ci.commitSha()));
        putIfPresent(body, "branch", CiEnvironment.firstNonNull(branch, ci.branch()));
        putIfPresent(body, "pullRequest", CiEnvironment.firstNonNull(pullRequest, ci.pullRequest()));
        putIfPresent(body, "commitAuthor", CiEnvironment.firstNonNull(commitAuthor, ci.commitAuthor()));
        putIfPresent(body, "pullRequestAuthor", CiEnvironment.firstNonNull(pullRequestAuthor, ci.pullRequestAuthor()));
        String finished = finishedAt != null ? finishedAt : now();
        body.put("startedAt", startedAt != null ? startedAt : finished);
        body.put("finishedAt", finished);
        anyCheckFailed = checkNodes.values().stream()
                .anyMatch(c -> c.path("status").asText().equals("failed"));
        ArrayNode checkArray = body.putArray("checks");
        checkNodes.values().forEach(checkArray::add);
        body.set("reviews", reviewsJson());
        body.set("migrations", migrationNodes);
        require(body.path("provider").asText(null), "--provider (not running in GitHub Actions or GitLab CI)");
        require(body.path("externalId").asText(null), "--external-id");
        require(body.path("commitSha").asText(null), "--commit");
        return body;
    }

    private ScanResult lastScan;
    private boolean anyCheckFailed;

    private final Map<String, String> checkStatuses = new LinkedHashMap<>();

    @Override
    int onSuccess(org.migrationportal.cli.portal.PortalResponse response) throws java.io.IOException {
        int code = super.onSuccess(response);
        if (sarifOutput != null) {
            CiReports.write(sarifOutput, CiReports.sarif(ciFindings));
        }
        if (codeQualityOutput != null) {
            CiReports.write(codeQualityOutput, CiReports.codeQuality(ciFindings));
        }
        CiReports.annotateOnGitHub(cli.env(), ciFindings, cli.out());
        long id = response.body() == null ? 0 : response.body().path("id").asLong();
        new StepOutputs(cli.env())
                .put("ci-run-id", String.valueOf(id))
                .put("findings", String.valueOf(ciFindings.size()))
                .write();
        StepSummary.append(cli.env(), summary(id));
        if (failOnCheckFailure && anyCheckFailed) {
            cli.err().println("a check failed (the run was recorded)");
            return org.migrationportal.cli.ExitCodes.CHECK_FAILED;
        }
        return code;
    }

    /** What the change needs to reach production, for the run's summary page. */
    private String summary(long ciRunId) {
        long destructive = ciFindings.stream()
                .filter(f -> f.ruleId().equals("destructive-operation"))
                .count();
        StringBuilder md = new StringBuilder("### Migration check reported to the portal\n\n");
        md.append("[CI run ")
                .append(ciRunId)
                .append("](")
                .append(portalUrl)
                .append("/ci-runs/")
                .append(ciRunId)
                .append("): ")
                .append(migrationCount)
                .append(" migrations, ")
                .append(destructive)
                .append(" destructive operations, ")
                .append(ciFindings.size())
                .append(" findings.\n\n");
        if (!checkStatuses.isEmpty()) {
            md.append("| check | status |\n|---|---|\n");
            checkStatuses.forEach((name, status) -> md.append("| ")
                    .append(StepSummary.cell(name))
                    .append(" | ")
                    .append("passed".equals(status) ? "✅ " : "failed".equals(status) ? "❌ " : "")
                    .append(StepSummary.cell(status))
                    .append(" |\n"));
            md.append('\n');
        }
        if (destructive > 0) {
            md.append("Destructive changes reach production only with an approval for these checksums, a backup")
                    .append(" taken within 24 h, and a successful deploy to the verifying environment first: [open")
                    .append(" approvals](")
                    .append(portalUrl)
                    .append("/approvals).\n");
        }
        return md.toString();
    }

    private ArrayNode migrationsJson() throws Exception {
        if (migrations != null) {
            lastScan = Scanner.scan(migrations, tool);
            ScanCommand.printSummary(org.migrationportal.cli.manifest.ScanSummary.of(lastScan), cli.err());
            return Json.MAPPER.valueToTree(lastScan.migrations());
        }
        if (manifest != null) {
            JsonNode json = Json.MAPPER.readTree(Files.readAllBytes(manifest));
            JsonNode list = json.isArray() ? json : json.path("migrations");
            return list.isArray() ? (ArrayNode) list : Json.MAPPER.createArrayNode();
        }
        return Json.MAPPER.createArrayNode();
    }

    private void readLint(
            LintReportReader.Format format, List<Path> files, List<LintFinding> out, Map<String, Integer> perTool)
            throws Exception {
        for (Path file : files) {
            List<LintFinding> read = LintReportReader.read(format, file);
            out.addAll(read);
            perTool.merge(format.name().toLowerCase(Locale.ROOT), read.size(), Integer::sum);
        }
    }

    private static ObjectNode check(String name, String status, String details) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("name", name);
        node.put("status", status);
        if (details != null) {
            node.put("details", details);
        }
        return node;
    }

    /** Our own shape, or GitHub's {@code GET /pulls/{n}/reviews} objects (user.login, state, submitted_at). */
    private ArrayNode reviewsJson() throws Exception {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (reviews == null) {
            return out;
        }
        for (JsonNode r : Json.MAPPER.readTree(Files.readAllBytes(reviews))) {
            ObjectNode review = out.addObject();
            String reviewer = r.hasNonNull("reviewer")
                    ? r.path("reviewer").asText()
                    : r.path("user").path("login").asText(null);
            review.put("reviewer", reviewer);
            review.put("state", r.path("state").asText("").toLowerCase(Locale.ROOT));
            String at = r.hasNonNull("at")
                    ? r.path("at").asText()
                    : r.path("submitted_at").asText(null);
            if (at != null) {
                review.put("at", at);
            }
        }
        return out;
    }
}
