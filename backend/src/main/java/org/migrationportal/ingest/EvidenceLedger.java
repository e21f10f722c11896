package org.migrationportal.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migrationportal.audit.AttributedAuditRecord;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.ConflictException;
import org.migrationportal.shared.DatabaseKind;
import org.migrationportal.shared.FieldProblem;
import org.migrationportal.shared.InvalidRequestException;
import org.migrationportal.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write façade of the ingest module: stores each piece of evidence exactly once.
 *
 * <p>Idempotency rests on the natural keys' unique constraints, never on check-then-insert: every first
 * insert is {@code INSERT … ON CONFLICT DO NOTHING}; when nothing was inserted, the row another request
 * committed is read back and its body digest compared (same body: the original id, nothing stored twice;
 * different body: 409). The audit entry and the domain event are written in the same transaction.
 */
@Service
public class EvidenceLedger {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    /** Project lookups on the hot path are served from here for a few seconds (a miss on an environment reloads). */
    private static final java.time.Duration PROJECT_CACHE_TTL = java.time.Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final ProjectCatalog projects;
    private final Map<String, CachedProject> projectCache = new java.util.concurrent.ConcurrentHashMap<>();

    private record CachedProject(ProjectView view, Instant loadedAt) {}

    private final AuditTrail auditTrail;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    /** {@code concurrently} is a reserved word in PostgreSQL (quoted there), a plain identifier in H2 (stored upper-case). */
    private final String concurrentlyColumn;

    private final DeploymentWriter deployments;
    private final DeploymentBatcher deploymentBatches;
    private final TransactionTemplate transactions;

    EvidenceLedger(
            JdbcClient jdbc,
            ProjectCatalog projects,
            AuditTrail auditTrail,
            ApplicationEventPublisher events,
            Clock clock,
            DatabaseKind database,
            DeploymentWriter deployments,
            DeploymentBatcher deploymentBatches,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.concurrentlyColumn = database.isPostgres() ? "\"concurrently\"" : "concurrently";
        this.deployments = deployments;
        this.deploymentBatches = deploymentBatches;
        this.transactions = new TransactionTemplate(transactionManager);
        this.projects = projects;
        this.auditTrail = auditTrail;
        this.events = events;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- CI runs

    @Transactional
    public Receipt recordCiRun(CiRunSubmission run, IngestSource source) {
        ProjectView project = project(run.project());
        Instant startedAt = Timestamps.parse(run.startedAt());
        Instant finishedAt = Timestamps.parse(run.finishedAt());
        List<FieldProblem> problems = new ArrayList<>();
        checkOrder(startedAt, finishedAt, problems);
        Set<String> revisions = new HashSet<>();
        for (int i = 0; i < run.migrations().size(); i++) {
            if (!revisions.add(run.migrations().get(i).revision())) {
                problems.add(
                        new FieldProblem("migrations[" + i + "].revision", "appears more than once in the manifest"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        String digest = digest(run);
        Instant now = now();
        int headCount = headCount(run.migrations());
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO ci_run (project_id, provider, external_id, attempt, url, commit_sha, branch, pull_request,
                          started_at, finished_at, head_count, body_sha256, received_at, token_id, commit_author, pull_request_author)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(
                        project.id(),
                        run.provider(),
                        run.externalId(),
                        run.attempt(),
                        run.url(),
                        run.commitSha().toLowerCase(Locale.ROOT),
                        run.branch(),
                        run.pullRequest(),
                        ts(startedAt),
                        ts(finishedAt),
                        headCount,
                        digest,
                        ts(now),
                        source.tokenId(),
                        run.commitAuthor(),
                        run.pullRequestAuthor())
                .update(key, "id");
        Optional<Long> inserted = generatedId(key);
        if (inserted.isEmpty()) {
            Map<String, Object> existing = jdbc.sql("""
                            SELECT id, body_sha256 FROM ci_run
                            WHERE project_id = ? AND provider = ? AND external_id = ? AND attempt = ?""")
                    .params(project.id(), run.provider(), run.externalId(), run.attempt())
                    .query()
                    .singleRow();
            long id = ((Number) existing.get("id")).longValue();
            if (!digest.equals(existing.get("body_sha256"))) {
                throw new ConflictException(
                        "externalId",
                        "CI run " + run.provider() + "/" + run.externalId() + " attempt " + run.attempt()
                                + " was already recorded with a different body (id " + id + ").");
            }
            return new Receipt("ci-run", id, "/api/v1/ci-runs/" + id, false, null);
        }
        long runId = inserted.get();
        storeChecks(runId, run.checks());
        storeReviews(runId, run.reviews());
        storeManifest(project, runId, run.migrations(), now);
        boolean destructive = run.migrations().stream().anyMatch(CiRunSubmission.Migration::destructive);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", run.provider());
        details.put("externalId", run.externalId());
        details.put("attempt", run.attempt());
        details.put("commitSha", run.commitSha().toLowerCase(Locale.ROOT));
        details.put("branch", run.branch());
        if (run.commitAuthor() != null) {
            details.put("commitAuthor", run.commitAuthor());
        }
        if (run.pullRequestAuthor() != null) {
            details.put("pullRequestAuthor", run.pullRequestAuthor());
        }
        details.put(
                "checks",
                run.checks().stream().map(c -> c.name() + ":" + c.status()).toList());
        details.put("migrations", run.migrations().size());
        details.put("bodySha256", digest);
        auditTrail.record(AuditRecord.of("ci-run.recorded")
                .project(project.key())
                .target("ci-run", runId)
                .details(details));
        events.publishEvent(new CiRunRecorded(
                runId, project.key(), run.branch(), run.commitSha().toLowerCase(Locale.ROOT), headCount, destructive));
        return new Receipt("ci-run", runId, "/api/v1/ci-runs/" + runId, true, null);
    }

    /** Revisions of the manifest that are no other manifest revision's parent. */
    static int headCount(List<CiRunSubmission.Migration> manifest) {
        Set<String> parents = new HashSet<>();
        manifest.forEach(m -> parents.addAll(m.parents()));
        return (int) manifest.stream()
                .map(CiRunSubmission.Migration::revision)
                .distinct()
                .filter(r -> !parents.contains(r))
                .count();
    }

    private void storeChecks(long runId, List<CiRunSubmission.Check> checks) {
        for (int i = 0; i < checks.size(); i++) {
            CiRunSubmission.Check check = checks.get(i);
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO ci_check (ci_run_id, position, name, status, details) VALUES (?, ?, ?, ?, ?)")
                    .params(runId, i, check.name(), check.status(), check.details())
                    .update(key, "id");
            long checkId = generatedId(key).orElseThrow();
            for (int j = 0; j < check.findings().size(); j++) {
                CiRunSubmission.Finding finding = check.findings().get(j);
                jdbc.sql(
                                "INSERT INTO ci_finding (ci_check_id, position, rule, severity, revision, message) VALUES (?, ?, ?, ?, ?, ?)")
                        .params(checkId, j, finding.rule(), finding.severity(), finding.revision(), finding.message())
                        .update();
            }
        }
    }

    private void storeReviews(long runId, List<CiRunSubmission.Review> reviews) {
        for (int i = 0; i < reviews.size(); i++) {
            CiRunSubmission.Review review = reviews.get(i);
            jdbc.sql("INSERT INTO ci_review (ci_run_id, position, reviewer, state, reviewed_at) VALUES (?, ?, ?, ?, ?)")
                    .params(runId, i, review.reviewer(), review.state(), ts(Timestamps.parse(review.at())))
                    .update();
        }
    }

    /**
     * Stores the manifest as versions, in revision order so concurrent runs lock rows in the same order. The
     * catalogue row of a revision is written once, when it is first seen; every (revision, checksum) is an
     * immutable {@code migration_version} written once and never updated. A known revision with a new
     * checksum adds a version and is recorded as a change: a checksum history row, an audit entry and a
     * {@link MigrationChanged} event. Nothing an earlier version's evidence says changes.
     */
    private void storeManifest(ProjectView project, long runId, List<CiRunSubmission.Migration> manifest, Instant now) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < manifest.size(); i++) {
            positions.put(manifest.get(i).revision(), i);
        }
        List<CiRunSubmission.Migration> ordered = new ArrayList<>(manifest);
        ordered.sort(Comparator.comparing(CiRunSubmission.Migration::revision));
        for (CiRunSubmission.Migration migration : ordered) {
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                            INSERT INTO migration (project_id, revision, description, author, checksum, downgrade, transactional,
                              phase, expand_revision, destructive, first_seen_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                    .params(
                            project.id(),
                            migration.revision(),
                            migration.description(),
                            migration.author(),
                            migration.checksum(),
                            migration.downgrade(),
                            migration.transactional(),
                            migration.phase(),
                            migration.expandRevision(),
                            migration.destructive(),
                            ts(now),
                            ts(now))
                    .update(key, "id");
            Optional<Long> firstSighting = generatedId(key);
            long migrationId = firstSighting.orElseGet(
                    () -> jdbc.sql("SELECT id FROM migration WHERE project_id = ? AND revision = ?")
                            .params(project.id(), migration.revision())
                            .query(Long.class)
                            .single());
            if (firstSighting.isPresent()) {
                storeShape("migration_parent", "migration_operation", "migration_id", migrationId, migration);
                jdbc.sql(
                                "INSERT INTO migration_checksum (migration_id, checksum, first_seen_at, ci_run_id) VALUES (?, ?, ?, ?)")
                        .params(migrationId, migration.checksum(), ts(now), runId)
                        .update();
            }
            Optional<Long> newVersion = insertVersion(project, migrationId, runId, migration, now);
            long versionId = newVersion.orElseGet(() -> jdbc.sql(
                            "SELECT id FROM migration_version WHERE project_id = ? AND revision = ? AND checksum = ?")
                    .params(project.id(), migration.revision(), migration.checksum())
                    .query(Long.class)
                    .single());
            if (newVersion.isPresent() && firstSighting.isEmpty()) {
                recordChange(project, runId, migration, migrationId, versionId, now);
            }
            jdbc.sql(
                            "INSERT INTO ci_run_migration (ci_run_id, migration_id, version_id, position, checksum) VALUES (?, ?, ?, ?, ?)")
                    .params(runId, migrationId, versionId, positions.get(migration.revision()), migration.checksum())
                    .update();
        }
    }

    /** The version's id when this run is the first to carry (revision, checksum), empty when it is already known. */
    private Optional<Long> insertVersion(
            ProjectView project, long migrationId, long runId, CiRunSubmission.Migration migration, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO migration_version (migration_id, project_id, revision, checksum, description, author, downgrade,
                          transactional, phase, expand_revision, destructive, first_seen_at, first_ci_run_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(
                        migrationId,
                        project.id(),
                        migration.revision(),
                        migration.checksum(),
                        migration.description(),
                        migration.author(),
                        migration.downgrade(),
                        migration.transactional(),
                        migration.phase(),
                        migration.expandRevision(),
                        migration.destructive(),
                        ts(now),
                        runId)
                .update(key, "id");
        Optional<Long> inserted = generatedId(key);
        inserted.ifPresent(versionId -> storeShape(
                "migration_version_parent", "migration_version_operation", "version_id", versionId, migration));
        return inserted;
    }

    private void recordChange(
            ProjectView project,
            long runId,
            CiRunSubmission.Migration migration,
            long migrationId,
            long versionId,
            Instant now) {
        String previous = jdbc.sql(
                        "SELECT checksum FROM migration_version WHERE migration_id = ? AND id <> ? ORDER BY id DESC LIMIT 1")
                .params(migrationId, versionId)
                .query(String.class)
                .optional()
                .orElse(null);
        jdbc.sql(
                        "INSERT INTO migration_checksum (migration_id, checksum, first_seen_at, ci_run_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(migrationId, migration.checksum(), ts(now), runId)
                .update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("revision", migration.revision());
        details.put("previousChecksum", previous);
        details.put("newChecksum", migration.checksum());
        details.put("versionId", versionId);
        details.put("ciRunId", runId);
        auditTrail.record(AuditRecord.of("migration.changed")
                .project(project.key())
                .target("migration", migrationId)
                .details(details));
        events.publishEvent(new MigrationChanged(
                migrationId, project.key(), migration.revision(), previous, migration.checksum(), runId));
    }

    private void storeShape(
            String parentTable,
            String operationTable,
            String ownerColumn,
            long ownerId,
            CiRunSubmission.Migration migration) {
        for (int i = 0; i < migration.parents().size(); i++) {
            jdbc.sql("INSERT INTO %s (%s, position, parent_revision) VALUES (?, ?, ?)"
                            .formatted(parentTable, ownerColumn))
                    .params(ownerId, i, migration.parents().get(i))
                    .update();
        }
        for (int i = 0; i < migration.operations().size(); i++) {
            CiRunSubmission.Operation op = migration.operations().get(i);
            jdbc.sql("""
                            INSERT INTO %s (%s, position, operation_type, table_name, column_name,
                              %s, destructive) VALUES (?, ?, ?, ?, ?, ?, ?)""".formatted(operationTable, ownerColumn, concurrentlyColumn))
                    .params(ownerId, i, op.type(), op.table(), op.column(), op.concurrently(), op.destructive())
                    .update();
        }
    }

    // ---------------------------------------------------------------- deployments

    /**
     * Records one deployment event. The first event of a run goes through {@link DeploymentBatcher} (group
     * commit with concurrent requests) unless the caller is already in a transaction, whose work it then
     * joins; a later event of a known run, or a first event the batch did not write, is recorded here.
     */
    public Receipt recordDeployment(DeploymentSubmission event, IngestSource source) {
        return record(prepare(event, source));
    }

    Receipt record(PreparedDeployment deployment) {
        DeploymentSubmission event = deployment.event();
        if (deploymentBatches.enabled() && !TransactionSynchronizationManager.isActualTransactionActive()) {
            Optional<Long> id = deploymentBatches.insertFirstEvent(deployment);
            if (id.isPresent()) {
                return new Receipt("deployment", id.get(), "/api/v1/deployments/" + id.get(), true, event.status());
            }
        }
        return transactions.execute(status -> {
            Long id = deployments.insertFirstEvents(List.of(deployment)).get(deployment);
            return id != null
                    ? new Receipt("deployment", id, "/api/v1/deployments/" + id, true, event.status())
                    : deployments.recordLaterEvent(deployment);
        });
    }

    PreparedDeployment prepare(DeploymentSubmission event, IngestSource source) {
        ProjectView project = project(event.project());
        EnvironmentView environment = environment(project, event.environment());
        Instant startedAt = Timestamps.parse(event.startedAt());
        Instant finishedAt = Timestamps.parse(event.finishedAt());
        List<FieldProblem> problems = new ArrayList<>();
        checkOrder(startedAt, finishedAt, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        String digest = digest(event);
        String commitSha = event.commitSha().toLowerCase(Locale.ROOT);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", event.provider());
        details.put("externalId", event.externalId());
        details.put("attempt", event.attempt());
        details.put("status", event.status());
        details.put("commitSha", commitSha);
        details.put("fromRevision", event.fromRevision());
        details.put("toRevision", event.toRevision());
        details.put("actor", event.actor().type() + ":" + event.actor().name());
        details.put("bodySha256", digest);
        AttributedAuditRecord audit = auditTrail.attribute(AuditRecord.of("deployment.recorded")
                .project(project.key())
                .environment(environment.key())
                .details(details));
        return new PreparedDeployment(
                event,
                project.key(),
                project.id(),
                environment.key(),
                environment.id(),
                commitSha,
                ts(startedAt),
                ts(finishedAt),
                digest,
                ts(now()),
                source,
                audit);
    }

    // ---------------------------------------------------------------- backups and drift reports

    @Transactional
    public Receipt recordBackup(BackupSubmission backup, IngestSource source) {
        ProjectView project = project(backup.project());
        EnvironmentView environment = environment(project, backup.environment());
        String digest = digest(backup);
        Instant now = now();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO backup (project_id, environment_id, backup_ref, taken_at, size_bytes, location, method,
                          verified_at, body_sha256, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(
                        project.id(),
                        environment.id(),
                        backup.backupId(),
                        ts(Timestamps.parse(backup.takenAt())),
                        backup.sizeBytes(),
                        backup.location(),
                        backup.method(),
                        ts(Timestamps.parse(backup.verifiedAt())),
                        digest,
                        ts(now))
                .update(key, "id");
        Optional<Long> inserted = generatedId(key);
        if (inserted.isEmpty()) {
            Map<String, Object> existing = jdbc.sql(
                            "SELECT id, body_sha256 FROM backup WHERE environment_id = ? AND backup_ref = ?")
                    .params(environment.id(), backup.backupId())
                    .query()
                    .singleRow();
            return repeated(
                    "backup",
                    "/api/v1/backups/",
                    existing,
                    digest,
                    "backupId",
                    "Backup '" + backup.backupId() + "' of " + backup.project() + "/" + backup.environment());
        }
        long id = inserted.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backupId", backup.backupId());
        details.put("takenAt", backup.takenAt());
        details.put("method", backup.method());
        details.put("verifiedAt", backup.verifiedAt());
        details.put("bodySha256", digest);
        auditTrail.record(AuditRecord.of("backup.recorded")
                .project(project.key())
                .environment(environment.key())
                .target("backup", id)
                .details(details));
        events.publishEvent(new BackupRecorded(id, project.key(), environment.key(), backup.backupId()));
        return new Receipt("backup", id, "/api/v1/backups/" + id, true, null);
    }

    @Transactional
    public Receipt recordDriftReport(DriftReportSubmission report, IngestSource source) {
        ProjectView project = project(report.project());
        EnvironmentView environment = environment(project, report.environment());
        String digest = digest(report);
        Instant checkedAt = Timestamps.parse(report.checkedAt());
        Instant now = now();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO drift_report (project_id, environment_id, checked_at, drifted, diff, body_sha256, received_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(project.id(), environment.id(), ts(checkedAt), report.drifted(), report.diff(), digest, ts(now))
                .update(key, "id");
        Optional<Long> inserted = generatedId(key);
        if (inserted.isEmpty()) {
            Map<String, Object> existing = jdbc.sql(
                            "SELECT id, body_sha256 FROM drift_report WHERE environment_id = ? AND checked_at = ?")
                    .params(environment.id(), ts(checkedAt))
                    .query()
                    .singleRow();
            return repeated(
                    "drift-report",
                    "/api/v1/drift-reports/",
                    existing,
                    digest,
                    "checkedAt",
                    "The drift report of " + report.project() + "/" + report.environment() + " checked at "
                            + report.checkedAt());
        }
        long id = inserted.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("checkedAt", report.checkedAt());
        details.put("drifted", report.drifted());
        details.put("bodySha256", digest);
        auditTrail.record(AuditRecord.of("drift-report.recorded")
                .project(project.key())
                .environment(environment.key())
                .target("drift-report", id)
                .details(details));
        events.publishEvent(new DriftReportRecorded(id, project.key(), environment.key(), report.drifted()));
        return new Receipt("drift-report", id, "/api/v1/drift-reports/" + id, true, null);
    }

    // ---------------------------------------------------------------- helpers

    private static Receipt repeated(
            String kind, String href, Map<String, Object> existing, String digest, String field, String what) {
        long id = ((Number) existing.get("id")).longValue();
        if (!digest.equals(existing.get("body_sha256"))) {
            throw new ConflictException(field, what + " was already recorded with a different body (id " + id + ").");
        }
        return new Receipt(kind, id, href + id, false, null);
    }

    private ProjectView project(String key) {
        Instant now = clock.instant();
        CachedProject cached = projectCache.get(key);
        if (cached != null && cached.loadedAt().plus(PROJECT_CACHE_TTL).isAfter(now)) {
            return cached.view();
        }
        ProjectView view = projects.get(key);
        projectCache.put(key, new CachedProject(view, now));
        return view;
    }

    private EnvironmentView environment(ProjectView project, String key) {
        return project.environment(key)
                .or(() -> {
                    projectCache.remove(project.key());
                    return project(project.key()).environment(key);
                })
                .orElseThrow(() -> NotFoundException.environment(project.key(), key));
    }

    private static void checkOrder(Instant startedAt, Instant finishedAt, List<FieldProblem> problems) {
        if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
            problems.add(new FieldProblem("finishedAt", "must not be before startedAt"));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The id a single-row insert generated, or empty when {@code ON CONFLICT DO NOTHING} inserted nothing. */
    static Optional<Long> generatedId(KeyHolder key) {
        List<Map<String, Object>> keys = key.getKeyList();
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = keys.get(0);
        Object id = row.containsKey("id")
                ? row.get("id")
                : row.containsKey("ID")
                        ? row.get("ID")
                        : row.values().iterator().next();
        return Optional.of(((Number) id).longValue());
    }

    /** SHA-256 over the submission's canonical JSON (properties sorted), so whitespace and key order do not matter. */
    static String digest(Object submission) {
        try {
            byte[] json = CANONICAL.writeValueAsString(submission).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
