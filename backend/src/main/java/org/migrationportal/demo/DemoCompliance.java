package org.migrationportal.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.migrationportal.compliance.ComplianceEvaluator;
import org.migrationportal.compliance.PolicyBook;
import org.migrationportal.compliance.PolicyChange;
import org.migrationportal.identity.ApiTokens;
import org.migrationportal.identity.NewProjectToken;
import org.migrationportal.ingest.BackupSubmission;
import org.migrationportal.ingest.CiRunSubmission;
import org.migrationportal.ingest.CiRunSubmission.Check;
import org.migrationportal.ingest.CiRunSubmission.Migration;
import org.migrationportal.ingest.CiRunSubmission.Operation;
import org.migrationportal.ingest.CiRunSubmission.Review;
import org.migrationportal.ingest.DeploymentSubmission;
import org.migrationportal.ingest.DriftReportSubmission;
import org.migrationportal.ingest.EvidenceLedger;
import org.migrationportal.ingest.EvidenceQueries;
import org.migrationportal.ingest.IngestSource;
import org.migrationportal.projects.EnvironmentDefinition;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Compliance demo, after the projects (20) and any demo evidence (30): policies for the demo environments,
 * then a full evaluation. While no demo evidence exists for the demo projects (the ingest demo loader not
 * present), it records a small, realistic evidence set through the ingest façade so that every status shows
 * somewhere: billing-service complies everywhere; dylen-engine prod fails destructive safety (no approval)
 * and is drifted, and warns on downgrade coverage (a lossy contract); search-indexer has no evidence (unknown).
 */
@Component
@Order(40)
class DemoCompliance implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCompliance.class);

    private final ProjectCatalog projects;
    private final PolicyBook policies;
    private final ComplianceEvaluator evaluator;
    private final EvidenceLedger ledger;
    private final EvidenceQueries queries;
    private final ApiTokens tokens;
    private final Clock clock;
    private final boolean enabled;

    DemoCompliance(
            ProjectCatalog projects,
            PolicyBook policies,
            ComplianceEvaluator evaluator,
            EvidenceLedger ledger,
            EvidenceQueries queries,
            ApiTokens tokens,
            Clock clock,
            @Value("${portal.demo-data:auto}") String mode,
            @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.projects = projects;
        this.policies = policies;
        this.evaluator = evaluator;
        this.ledger = ledger;
        this.queries = queries;
        this.tokens = tokens;
        this.clock = clock;
        this.enabled = "true".equals(mode) || "auto".equals(mode) && datasourceUrl.startsWith("jdbc:h2:");
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled
                || projects.find("dylen-engine").isEmpty()
                || projects.find("search-indexer").isPresent()) {
            return;
        }
        log.info(
                "Loading compliance demo (policies, evaluation{})",
                queries.migrations("dylen-engine").isEmpty() ? ", evidence" : "");
        projects.create(new ProjectDefinition(
                "search-indexer",
                "Search Indexer",
                "flyway",
                "https://git.example.org/search/indexer",
                "main",
                List.of(
                        new EnvironmentDefinition("dev", "Development", 1, false, null),
                        new EnvironmentDefinition("prod", "Production", 2, true, null))));
        if (queries.migrations("dylen-engine").isEmpty()) {
            dylenEngine();
        }
        if (queries.migrations("billing-service").isEmpty()) {
            billingService();
        }
        policies.change(
                "billing-service",
                "prod",
                new PolicyChange(List.of("lint", "heads", "smoke", "drift"), 1, 12, 3000L, 3, 2, 7, 24, "enforce"));
        policies.change(
                "dylen-engine",
                "dev",
                new PolicyChange(List.of("lint", "heads", "smoke"), 1, 24, 5000L, 7, 1, 7, 48, "advisory"));
        for (String key : List.of("dylen-engine", "billing-service", "search-indexer")) {
            evaluator.evaluateProject(key);
        }
    }

    private void dylenEngine() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String c1 = "0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2910";
        String c2 = "4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4";
        Migration base = new Migration(
                "0f9e8d7c6b5a",
                List.of(),
                "create lessons",
                "tomas",
                "sha256:0f9e",
                "reversible",
                true,
                "none",
                null,
                List.of(new Operation("create_table", "lessons", null, false, false)));
        Migration expand = new Migration(
                "a1c2e3f4b5d6",
                List.of("0f9e8d7c6b5a"),
                "add lessons.slug with unique index",
                "tomas",
                "sha256:a1c2",
                "reversible",
                false,
                "expand",
                null,
                List.of(new Operation("create_index", "lessons", "slug", true, false)));
        Migration contract = new Migration(
                "b7e1d2c3a4f5",
                List.of("a1c2e3f4b5d6"),
                "drop lessons.legacy_path",
                "tomas",
                "sha256:b7e1",
                "lossy",
                true,
                "contract",
                "a1c2e3f4b5d6",
                List.of(new Operation("drop_column", "lessons", "legacy_path", false, true)));
        ciRun("dylen-engine", "run-101", c1, now.minus(Duration.ofDays(6)), List.of(base, expand));
        ciRun("dylen-engine", "run-102", c2, now.minus(Duration.ofDays(3)), List.of(base, expand, contract));
        Map<String, Long> tokenIds = environmentTokens("dylen-engine", List.of("dev", "staging", "prod"));
        int n = 0;
        for (String env : List.of("dev", "staging", "prod")) {
            Duration offset = Duration.ofHours(6L * n++);
            deploy(
                    "dylen-engine",
                    env,
                    "d-" + env + "-1",
                    c1,
                    null,
                    "a1c2e3f4b5d6",
                    now.minus(Duration.ofDays(5)).plus(offset),
                    300L,
                    tokenIds.get(env));
            deploy(
                    "dylen-engine",
                    env,
                    "d-" + env + "-2",
                    c2,
                    "a1c2e3f4b5d6",
                    "b7e1d2c3a4f5",
                    now.minus(Duration.ofDays(2)).plus(offset),
                    "staging".equals(env) ? 6200L : 400L,
                    tokenIds.get(env));
        }
        Instant prodDeploy = now.minus(Duration.ofDays(2)).plus(Duration.ofHours(12));
        ledger.recordBackup(
                new BackupSubmission(
                        "dylen-engine",
                        "prod",
                        "prod-pre-b7e1",
                        prodDeploy.minus(Duration.ofMinutes(5)).toString(),
                        48_213_377_024L,
                        "s3://dylen-backups/prod/pre-b7e1.dump",
                        "pg_dump",
                        prodDeploy.toString()),
                new IngestSource(tokenIds.get("prod"), true));
        drift("dylen-engine", "dev", now.minus(Duration.ofHours(5)), false, null);
        drift("dylen-engine", "staging", now.minus(Duration.ofHours(5)), false, null);
        drift(
                "dylen-engine",
                "prod",
                now.minus(Duration.ofHours(3)),
                true,
                "+ index ix_lessons_created_at (not in migrations)");
    }

    private void billingService() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String c1 = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b";
        Migration invoices = new Migration(
                "1a2b3c4d5e6f",
                List.of(),
                "create invoices",
                "tomas",
                "sha256:1a2b",
                "reversible",
                true,
                "none",
                null,
                List.of(new Operation("create_table", "invoices", null, false, false)));
        Migration due = new Migration(
                "2b3c4d5e6f7a",
                List.of("1a2b3c4d5e6f"),
                "add invoices.due_on",
                "tomas",
                "sha256:2b3c",
                "reversible",
                true,
                "none",
                null,
                List.of(new Operation("add_column", "invoices", "due_on", false, false)));
        ciRun("billing-service", "run-201", c1, now.minus(Duration.ofDays(4)), List.of(invoices, due));
        Map<String, Long> tokenIds = environmentTokens("billing-service", List.of("dev", "staging", "prod"));
        int n = 0;
        for (String env : List.of("dev", "staging", "prod")) {
            deploy(
                    "billing-service",
                    env,
                    "b-" + env,
                    c1,
                    null,
                    "2b3c4d5e6f7a",
                    now.minus(Duration.ofDays(3)).plus(Duration.ofHours(4L * n++)),
                    120L,
                    tokenIds.get(env));
            drift("billing-service", env, now.minus(Duration.ofHours(2)), false, null);
        }
    }

    private Map<String, Long> environmentTokens(String project, List<String> environments) {
        Map<String, Long> ids = new java.util.HashMap<>();
        for (String env : environments) {
            ids.put(
                    env,
                    tokens.issueProjectToken(
                                    project,
                                    new NewProjectToken(
                                            "demo-deploy-" + env,
                                            List.of("deploy:write", "backup:write"),
                                            List.of(env),
                                            null))
                            .id());
        }
        return ids;
    }

    private void ciRun(String project, String id, String commit, Instant at, List<Migration> migrations) {
        ledger.recordCiRun(
                new CiRunSubmission(
                        project,
                        "github-actions",
                        id,
                        1,
                        "https://git.example.org/" + project + "/actions/runs/" + id,
                        commit,
                        "main",
                        400,
                        at.toString(),
                        at.plus(Duration.ofMinutes(7)).toString(),
                        List.of(
                                new Check("lint", "passed", null, null),
                                new Check("heads", "passed", "single head", null),
                                new Check("smoke", "passed", "upgrade head -> downgrade -1 -> upgrade head", null),
                                new Check("drift", "passed", "No new upgrade operations detected.", null)),
                        List.of(new Review(
                                "mira",
                                "approved",
                                at.minus(Duration.ofMinutes(20)).toString())),
                        migrations,
                        "tomas",
                        "tomas"),
                IngestSource.system());
    }

    private void deploy(
            String project,
            String env,
            String id,
            String commit,
            String from,
            String to,
            Instant at,
            long lockMs,
            Long tokenId) {
        ledger.recordDeployment(
                new DeploymentSubmission(
                        project,
                        env,
                        "github-actions",
                        id,
                        1,
                        null,
                        commit,
                        from,
                        to,
                        "succeeded",
                        at.toString(),
                        at.plus(Duration.ofSeconds(40)).toString(),
                        new DeploymentSubmission.Actor("pipeline", "deploy-" + env + ".yml"),
                        lockMs,
                        null,
                        null),
                new IngestSource(tokenId, true));
    }

    private void drift(String project, String env, Instant at, boolean drifted, String diff) {
        ledger.recordDriftReport(
                new DriftReportSubmission(project, env, at.toString(), drifted, diff), IngestSource.system());
    }
}
