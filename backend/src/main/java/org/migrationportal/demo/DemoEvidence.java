package org.migrationportal.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.migrationportal.identity.ApiTokens;
import org.migrationportal.identity.IssuedToken;
import org.migrationportal.identity.NewProjectToken;
import org.migrationportal.ingest.BackupSubmission;
import org.migrationportal.ingest.CiRunSubmission;
import org.migrationportal.ingest.CiRunSubmission.Check;
import org.migrationportal.ingest.CiRunSubmission.Finding;
import org.migrationportal.ingest.CiRunSubmission.Migration;
import org.migrationportal.ingest.CiRunSubmission.Operation;
import org.migrationportal.ingest.CiRunSubmission.Review;
import org.migrationportal.ingest.DeploymentSubmission;
import org.migrationportal.ingest.DriftReportSubmission;
import org.migrationportal.ingest.EvidenceFilter;
import org.migrationportal.ingest.EvidenceLedger;
import org.migrationportal.ingest.EvidenceQueries;
import org.migrationportal.ingest.IngestSource;
import org.migrationportal.projects.ProjectCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A realistic evidence history for the demo projects, posted through the ingest façade with real
 * environment-restricted pipeline tokens, relative to now so the time windows of the checklist hold:
 * <ul>
 *   <li>billing-service: fully compliant — reviewed, all checks green, reversible, deployed dev → staging → prod
 *       by restricted pipeline tokens, verified backups, clean drift checks;</li>
 *   <li>dylen-engine: the expand {@code a1c2e3f4b5d6} and the contract {@code b7e1d2c3a4f5} (drops
 *       {@code lessons.legacy_path}, downgrade lossy) reached prod without an approval, and prod has drifted.</li>
 * </ul>
 */
@Component
@Order(30)
class DemoEvidence implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoEvidence.class);
    private static final String DYLEN = "dylen-engine";
    private static final String BILLING = "billing-service";

    private final ProjectCatalog projects;
    private final ApiTokens tokens;
    private final EvidenceLedger ledger;
    private final EvidenceQueries queries;
    private final Clock clock;
    private final boolean enabled;

    DemoEvidence(
            ProjectCatalog projects,
            ApiTokens tokens,
            EvidenceLedger ledger,
            EvidenceQueries queries,
            Clock clock,
            @Value("${portal.demo-data:auto}") String mode,
            @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.projects = projects;
        this.tokens = tokens;
        this.ledger = ledger;
        this.queries = queries;
        this.clock = clock;
        this.enabled = "true".equals(mode) || "auto".equals(mode) && datasourceUrl.startsWith("jdbc:h2:");
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled
                || projects.find(DYLEN).isEmpty()
                || projects.find(BILLING).isEmpty()
                || queries.ciRuns(EvidenceFilter.project(DYLEN)).total() > 0) {
            return;
        }
        log.info("Loading demo evidence (CI runs, deployments, backups, drift reports)");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        billing(now);
        dylen(now);
    }

    private void billing(Instant now) {
        Pipeline p = new Pipeline(BILLING);
        String sha1 = "9a8b7c6d5e4f30211f2e3d4c5b6a79880716253a";
        String sha2 = "2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e";
        Migration invoices = migration(
                "1a2b3c4d5e6f",
                List.of(),
                "create invoices table",
                "lena",
                "reversible",
                true,
                "none",
                null,
                List.of(op("create_table", "invoices", null, false, false)));
        Migration currency = migration(
                "7f6e5d4c3b2a",
                List.of("1a2b3c4d5e6f"),
                "add invoices.currency with default",
                "lena",
                "reversible",
                true,
                "none",
                null,
                List.of(op("add_column", "invoices", "currency", false, false)));
        Migration index = migration(
                "c0ffee123456",
                List.of("7f6e5d4c3b2a"),
                "index invoices by customer",
                "omar",
                "reversible",
                false,
                "none",
                null,
                List.of(op("create_index", "invoices", "customer_id", true, false)));
        ledger.recordCiRun(
                ciRun(
                        BILLING,
                        "gitlab-ci",
                        "880101",
                        sha1,
                        "main",
                        57,
                        now.minus(Duration.ofDays(12)),
                        greenChecks("7f6e5d4c3b2a"),
                        List.of(new Review(
                                "mira",
                                "approved",
                                ts(now.minus(Duration.ofDays(12)).minusSeconds(3600)))),
                        List.of(invoices, currency)),
                p.ci);
        ledger.recordCiRun(
                ciRun(
                        BILLING,
                        "gitlab-ci",
                        "880342",
                        sha2,
                        "main",
                        61,
                        now.minus(Duration.ofDays(4)),
                        greenChecks("c0ffee123456"),
                        List.of(
                                new Review(
                                        "mira",
                                        "approved",
                                        ts(now.minus(Duration.ofDays(4)).minusSeconds(5400))),
                                new Review(
                                        "jonas",
                                        "commented",
                                        ts(now.minus(Duration.ofDays(4)).minusSeconds(5000)))),
                        List.of(invoices, currency, index)),
                p.ci);
        Instant first = now.minus(Duration.ofDays(11));
        p.deploy("dev", "990001", sha1, null, "7f6e5d4c3b2a", first, 120L, null);
        p.deploy("staging", "990002", sha1, null, "7f6e5d4c3b2a", first.plus(Duration.ofHours(3)), 240L, null);
        p.backup(
                "prod",
                "billing-prod-" + day(first.plus(Duration.ofDays(1))),
                first.plus(Duration.ofDays(1)).minusSeconds(900),
                true);
        p.deploy(
                "prod",
                "990003",
                sha1,
                null,
                "7f6e5d4c3b2a",
                first.plus(Duration.ofDays(1)),
                380L,
                "billing-prod-" + day(first.plus(Duration.ofDays(1))));
        Instant second = now.minus(Duration.ofDays(3));
        p.deploy("dev", "990101", sha2, "7f6e5d4c3b2a", "c0ffee123456", second, 90L, null);
        p.deploy(
                "staging",
                "990102",
                sha2,
                "7f6e5d4c3b2a",
                "c0ffee123456",
                second.plus(Duration.ofHours(2)),
                850L,
                null);
        p.backup(
                "prod",
                "billing-prod-" + day(second.plus(Duration.ofDays(1))),
                second.plus(Duration.ofDays(1)).minusSeconds(1200),
                true);
        p.deploy(
                "prod",
                "990103",
                sha2,
                "7f6e5d4c3b2a",
                "c0ffee123456",
                second.plus(Duration.ofDays(1)),
                1200L,
                "billing-prod-" + day(second.plus(Duration.ofDays(1))));
        for (String environment : List.of("dev", "staging", "prod")) {
            p.drift(environment, now.minus(Duration.ofHours(6)), false, null);
        }
    }

    private void dylen(Instant now) {
        Pipeline p = new Pipeline(DYLEN);
        String sha0 = "0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60718293";
        String sha1 = "4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4";
        Migration lessons = migration(
                "3e4f5a6b7c8d",
                List.of(),
                "create lessons table",
                "tomas",
                "reversible",
                true,
                "none",
                null,
                List.of(op("create_table", "lessons", null, false, false)));
        Migration legacy = migration(
                "0f9e8d7c6b5a",
                List.of("3e4f5a6b7c8d"),
                "add lessons.legacy_path",
                "tomas",
                "reversible",
                true,
                "none",
                null,
                List.of(op("add_column", "lessons", "legacy_path", false, false)));
        Migration expand = migration(
                "a1c2e3f4b5d6",
                List.of("0f9e8d7c6b5a"),
                "add lessons.slug with unique index",
                "tomas",
                "reversible",
                false,
                "expand",
                null,
                List.of(
                        op("add_column", "lessons", "slug", false, false),
                        op("create_index", "lessons", "slug", true, false)));
        Migration contract = migration(
                "b7e1d2c3a4f5",
                List.of("a1c2e3f4b5d6"),
                "drop lessons.legacy_path",
                "tomas",
                "lossy",
                true,
                "contract",
                "a1c2e3f4b5d6",
                List.of(op("drop_column", "lessons", "legacy_path", false, true)));

        ledger.recordCiRun(
                ciRun(
                        DYLEN,
                        "github-actions",
                        "9921001122",
                        sha0,
                        "main",
                        398,
                        now.minus(Duration.ofDays(20)),
                        greenChecks("0f9e8d7c6b5a"),
                        List.of(new Review(
                                "jonas",
                                "approved",
                                ts(now.minus(Duration.ofDays(20)).minusSeconds(1800)))),
                        List.of(lessons, legacy)),
                p.ci);
        Instant base = now.minus(Duration.ofDays(19));
        p.deploy("dev", "9921100001", sha0, null, "0f9e8d7c6b5a", base, 80L, null);
        p.deploy("staging", "9921100002", sha0, null, "0f9e8d7c6b5a", base.plus(Duration.ofHours(4)), 150L, null);
        p.deploy("prod", "9921100003", sha0, null, "0f9e8d7c6b5a", base.plus(Duration.ofDays(1)), 210L, null);

        // The contract run of the seed: lint failed on attempt 1 (squawk ban-drop-column), re-run passed with the
        // finding as a warning.
        Instant ciAt = now.minus(Duration.ofDays(2));
        Finding dropColumn = new Finding(
                "ban-drop-column", "warning", "b7e1d2c3a4f5", "Dropping a column may break existing clients.");
        List<Review> reviews = List.of(new Review("mira", "approved", ts(ciAt.minusSeconds(1200))));
        ledger.recordCiRun(
                ciRun(
                        DYLEN,
                        "github-actions",
                        "9921345678",
                        sha1,
                        "main",
                        412,
                        ciAt,
                        List.of(
                                new Check("lint", "failed", "squawk: 1 finding", List.of(dropColumn)),
                                new Check("heads", "passed", "single head: b7e1d2c3a4f5", List.of()),
                                new Check("smoke", "passed", "upgrade head -> downgrade -1 -> upgrade head", List.of()),
                                new Check(
                                        "drift",
                                        "passed",
                                        "alembic check: No new upgrade operations detected.",
                                        List.of())),
                        reviews,
                        List.of(lessons, legacy, expand, contract)),
                p.ci);
        ledger.recordCiRun(
                new CiRunSubmission(
                        DYLEN,
                        "github-actions",
                        "9921345678",
                        2,
                        "https://git.example.org/dylen/dylen-engine/actions/runs/9921345678",
                        sha1,
                        "main",
                        412,
                        ts(ciAt.plusSeconds(900)),
                        ts(ciAt.plusSeconds(1300)),
                        List.of(
                                new Check(
                                        "lint",
                                        "passed",
                                        "squawk: 1 finding accepted (contract phase)",
                                        List.of(dropColumn)),
                                new Check("heads", "passed", "single head: b7e1d2c3a4f5", List.of()),
                                new Check("smoke", "passed", "upgrade head -> downgrade -1 -> upgrade head", List.of()),
                                new Check(
                                        "drift",
                                        "passed",
                                        "alembic check: No new upgrade operations detected.",
                                        List.of())),
                        reviews,
                        List.of(lessons, legacy, expand, contract),
                        "tomas",
                        "tomas"),
                p.ci);

        Instant release = now.minus(Duration.ofDays(1));
        p.deploy("dev", "9921399000", sha1, "0f9e8d7c6b5a", "b7e1d2c3a4f5", release, 140L, null);
        p.deployFailed(
                "staging", "9921399005", sha1, "0f9e8d7c6b5a", "b7e1d2c3a4f5", release.plus(Duration.ofHours(1)));
        p.deploy(
                "staging",
                "9921399006",
                sha1,
                "0f9e8d7c6b5a",
                "b7e1d2c3a4f5",
                release.plus(Duration.ofHours(2)),
                2900L,
                null);
        String backupId = "prod-" + day(release.plus(Duration.ofHours(5)));
        p.backup("prod", backupId, release.plus(Duration.ofHours(5)).minusSeconds(293), true);
        p.deploy(
                "prod",
                "9921399001",
                sha1,
                "0f9e8d7c6b5a",
                "b7e1d2c3a4f5",
                release.plus(Duration.ofHours(5)),
                310L,
                backupId);
        p.drift("dev", now.minus(Duration.ofHours(5)), false, null);
        p.drift("staging", now.minus(Duration.ofHours(5)), false, null);
        p.drift("prod", now.minus(Duration.ofHours(4)), true, "+ index ix_lessons_created_at (not in migrations)");
    }

    /** The tokens a real setup would use: one CI token, and per environment a deploy token restricted to it. */
    private final class Pipeline {
        final String project;
        final IngestSource ci;

        Pipeline(String project) {
            this.project = project;
            this.ci = source(project, "ci", List.of("ci:write"), List.of());
        }

        void deploy(
                String environment,
                String runId,
                String sha,
                String from,
                String to,
                Instant startedAt,
                Long lockMs,
                String backupId) {
            IngestSource token = source(
                    project, "deploy-" + environment, List.of("deploy:write", "backup:write"), List.of(environment));
            ledger.recordDeployment(
                    deployment(environment, runId, sha, from, to, "started", startedAt, null, null, backupId), token);
            ledger.recordDeployment(
                    deployment(
                            environment,
                            runId,
                            sha,
                            from,
                            to,
                            "succeeded",
                            startedAt,
                            startedAt.plusSeconds(36),
                            lockMs,
                            backupId),
                    token);
        }

        void deployFailed(String environment, String runId, String sha, String from, String to, Instant startedAt) {
            IngestSource token = source(
                    project, "deploy-" + environment, List.of("deploy:write", "backup:write"), List.of(environment));
            ledger.recordDeployment(
                    deployment(environment, runId, sha, from, to, "started", startedAt, null, null, null), token);
            ledger.recordDeployment(
                    deployment(
                            environment,
                            runId,
                            sha,
                            from,
                            to,
                            "failed",
                            startedAt,
                            startedAt.plusSeconds(64),
                            null,
                            null),
                    token);
        }

        void backup(String environment, String backupId, Instant takenAt, boolean verified) {
            ledger.recordBackup(
                    new BackupSubmission(
                            project,
                            environment,
                            backupId,
                            ts(takenAt),
                            48_213_377_024L,
                            "s3://" + project + "-backups/" + environment + "/" + backupId + ".dump",
                            "pg_dump",
                            verified ? ts(takenAt.plusSeconds(268)) : null),
                    source(
                            project,
                            "deploy-" + environment,
                            List.of("deploy:write", "backup:write"),
                            List.of(environment)));
        }

        void drift(String environment, Instant checkedAt, boolean drifted, String diff) {
            ledger.recordDriftReport(
                    new DriftReportSubmission(project, environment, ts(checkedAt), drifted, diff),
                    source(
                            project,
                            "deploy-" + environment,
                            List.of("deploy:write", "backup:write"),
                            List.of(environment)));
        }

        private DeploymentSubmission deployment(
                String environment,
                String runId,
                String sha,
                String from,
                String to,
                String status,
                Instant startedAt,
                Instant finishedAt,
                Long lockMs,
                String backupId) {
            String host = project.equals(BILLING)
                    ? "https://git.example.org/finance/billing-service/-/pipelines/"
                    : "https://git.example.org/dylen/dylen-engine/actions/runs/";
            return new DeploymentSubmission(
                    project,
                    environment,
                    project.equals(BILLING) ? "gitlab-ci" : "github-actions",
                    runId,
                    1,
                    host + runId,
                    sha,
                    from,
                    to,
                    status,
                    ts(startedAt),
                    finishedAt == null ? null : ts(finishedAt),
                    new DeploymentSubmission.Actor("pipeline", "deploy-" + environment + ".yml"),
                    lockMs,
                    backupId,
                    null);
        }
    }

    private final java.util.Map<String, IngestSource> issued = new java.util.HashMap<>();

    private IngestSource source(String project, String name, List<String> scopes, List<String> environments) {
        return issued.computeIfAbsent(project + "/" + name, k -> {
            IssuedToken token =
                    tokens.issueProjectToken(project, new NewProjectToken(name, scopes, environments, null));
            return new IngestSource(token.id(), !environments.isEmpty());
        });
    }

    private static CiRunSubmission ciRun(
            String project,
            String provider,
            String runId,
            String sha,
            String branch,
            int pr,
            Instant startedAt,
            List<Check> checks,
            List<Review> reviews,
            List<Migration> manifest) {
        String url = provider.equals("gitlab-ci")
                ? "https://git.example.org/finance/billing-service/-/pipelines/" + runId
                : "https://git.example.org/dylen/dylen-engine/actions/runs/" + runId;
        return new CiRunSubmission(
                project,
                provider,
                runId,
                1,
                url,
                sha,
                branch,
                pr,
                ts(startedAt),
                ts(startedAt.plusSeconds(404)),
                checks,
                reviews,
                manifest,
                "tomas",
                "tomas");
    }

    private static List<Check> greenChecks(String head) {
        return List.of(
                new Check("lint", "passed", "squawk: no findings", List.of()),
                new Check("heads", "passed", "single head: " + head, List.of()),
                new Check("smoke", "passed", "upgrade head -> downgrade -1 -> upgrade head", List.of()),
                new Check("drift", "passed", "models match migrations", List.of()));
    }

    private static Migration migration(
            String revision,
            List<String> parents,
            String description,
            String author,
            String downgrade,
            boolean transactional,
            String phase,
            String expandRevision,
            List<Operation> operations) {
        return new Migration(
                revision,
                parents,
                description,
                author,
                "sha256:" + sha256(revision + description),
                downgrade,
                transactional,
                phase,
                expandRevision,
                operations);
    }

    private static Operation op(String type, String table, String column, boolean concurrently, boolean destructive) {
        return new Operation(type, table, column, concurrently, destructive);
    }

    private static String ts(Instant instant) {
        return instant.toString();
    }

    private static String day(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MINUTES)
                .toString()
                .replace(":", "-")
                .replace("Z", "");
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
