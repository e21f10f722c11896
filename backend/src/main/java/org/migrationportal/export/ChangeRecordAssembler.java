package org.migrationportal.export;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migrationportal.approvals.ApprovalRequestView;
import org.migrationportal.approvals.ApprovalRequests;
import org.migrationportal.approvals.DeployGate;
import org.migrationportal.approvals.GateDecisionView;
import org.migrationportal.compliance.ComplianceDashboard;
import org.migrationportal.compliance.StatusChange;
import org.migrationportal.export.ChangeRecord.ApprovalEvidence;
import org.migrationportal.export.ChangeRecord.BackupEvidence;
import org.migrationportal.export.ChangeRecord.CheckEvidence;
import org.migrationportal.export.ChangeRecord.CiEvidence;
import org.migrationportal.export.ChangeRecord.ComplianceEvidence;
import org.migrationportal.export.ChangeRecord.ComplianceItemEvidence;
import org.migrationportal.export.ChangeRecord.CoveredMigration;
import org.migrationportal.export.ChangeRecord.DecisionEvidence;
import org.migrationportal.export.ChangeRecord.GateEvidence;
import org.migrationportal.export.ChangeRecord.MigrationEvidence;
import org.migrationportal.export.ChangeRecord.OperationEvidence;
import org.migrationportal.export.ChangeRecord.ReviewEvidence;
import org.migrationportal.export.ChangeRecord.StagingEvidence;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gathers one change record from the evidence tables (0100-evidence.xml) with plain SQL. This is the one
 * place that knows where each piece of evidence lives. Approval requests and gate decisions come from the
 * approvals module's façades ({@link ApprovalRequests}, {@link DeployGate}), the checklist items from the
 * compliance module's stored status history ({@link ComplianceDashboard#statusAt}).
 */
@Component
class ChangeRecordAssembler {

    private static final Duration BACKUP_WINDOW = Duration.ofHours(24);
    private static final int MAX_GRAPH_WALK = 10_000;

    private final JdbcTemplate jdbc;
    private final ApprovalRequests approvalRequests;
    private final DeployGate gate;
    private final ComplianceDashboard compliance;
    private final Clock clock;

    ChangeRecordAssembler(
            JdbcTemplate jdbc,
            ApprovalRequests approvalRequests,
            DeployGate gate,
            ComplianceDashboard compliance,
            Clock clock) {
        this.jdbc = jdbc;
        this.approvalRequests = approvalRequests;
        this.gate = gate;
        this.compliance = compliance;
        this.clock = clock;
    }

    Optional<ChangeRecord> assemble(long deploymentId) {
        List<ChangeRecord> found = jdbc.query(
                "SELECT d.id, p.project_key, e.environment_key, d.provider, d.external_id, d.attempt, d.url, "
                        + "d.commit_sha, d.from_revision, d.to_revision, d.status, d.started_at, d.finished_at, d.actor_type, d.actor_name, "
                        + "d.max_lock_ms, d.gate_decision_id, d.backup_ref, d.project_id, d.environment_id, e.verified_by_id, d.received_at "
                        + "FROM deployment d JOIN project p ON p.id = d.project_id JOIN environment e ON e.id = d.environment_id "
                        + "WHERE d.id = ? AND e.production = TRUE",
                (rs, n) -> build(rs),
                deploymentId);
        return found.stream().findFirst();
    }

    private ChangeRecord build(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        long projectId = rs.getLong(19);
        long environmentId = rs.getLong(20);
        long verifiedById = rs.getLong(21);
        boolean hasVerifier = !rs.wasNull();
        String commit = rs.getString(8);
        String fromRevision = rs.getString(9);
        String toRevision = rs.getString(10);
        Instant startedAt = instant(rs, 12);
        String actorType = rs.getString(14);
        String backupRef = rs.getString(18);

        CiEvidence ci = ciRun(projectId, commit);
        List<MigrationEvidence> migrations = migrations(projectId, fromRevision, toRevision);
        BackupEvidence backup = backup(environmentId, backupRef, startedAt);
        StagingEvidence staging = hasVerifier ? staging(verifiedById, toRevision, startedAt) : null;

        Long gateDecisionId = nullableLong(rs, 17);
        List<ApprovalEvidence> approvals = approvals(environmentId, migrations, gateDecisionId, startedAt);
        String projectKey = rs.getString(2);
        String environmentKey = rs.getString(3);
        // A cited decision counts only if the gate gave it for this project and environment.
        GateEvidence gateEvidence = gateDecisionId == null
                ? null
                : gate.decision(gateDecisionId)
                        .filter(g -> environmentKey.equals(g.environment()) && projectKey.equals(g.project()))
                        .map(ChangeRecordAssembler::gateEvidence)
                        .orElse(null);
        ComplianceEvidence checklist = compliance(id, environmentId, instant(rs, 22));
        ChangeRecord draft = new ChangeRecord(
                id,
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getString(7),
                commit,
                fromRevision,
                toRevision,
                rs.getString(11),
                startedAt,
                instant(rs, 13),
                actorType,
                rs.getString(15),
                nullableLong(rs, 16),
                gateDecisionId,
                ci,
                migrations,
                backup,
                staging,
                approvals,
                gateEvidence,
                checklist,
                List.of());
        return withExceptions(draft);
    }

    /** Evidence gaps visible in the record itself (the compliance module's checklist is the authority on status). */
    static ChangeRecord withExceptions(ChangeRecord r) {
        List<String> gaps = new ArrayList<>();
        if ("human".equals(r.deployerType())) {
            gaps.add("Deployed by a human (" + (r.deployerName() == null ? "unnamed" : r.deployerName())
                    + "), not a pipeline.");
        }
        if (!"succeeded".equals(r.status())) {
            gaps.add("Deployment status is " + r.status() + ".");
        }
        if (r.ci() == null) {
            gaps.add("No CI run is recorded for commit " + r.commitSha() + ".");
        } else {
            r.ci().checks().stream()
                    .filter(c -> !"passed".equals(c.status()))
                    .forEach(c -> gaps.add("CI check '" + c.name() + "' " + c.status() + "."));
            Set<String> authors = new HashSet<>();
            r.migrations().forEach(m -> authors.add(m.author()));
            boolean independentApproval = r.ci().reviews().stream()
                    .anyMatch(v -> "approved".equals(v.state()) && !authors.contains(v.reviewer()));
            if (!independentApproval) {
                gaps.add("No approving review by someone other than the migrations' authors.");
            }
        }
        if (r.destructive()) {
            if (r.backup() == null) {
                gaps.add("Destructive change without a backup taken within 24 h before the deployment.");
            } else if (r.backup().verifiedAt() == null) {
                gaps.add("The backup " + r.backup().backupRef() + " was never verified by a restore.");
            }
            for (MigrationEvidence migration : r.migrations()) {
                if (migration.destructive()) {
                    approvalGap(r, migration).ifPresent(gaps::add);
                }
            }
        }
        if (r.gateDecisionId() != null && r.gate() == null) {
            gaps.add("Cites gate decision #" + r.gateDecisionId()
                    + ", which the portal does not hold for this environment.");
        }
        if (r.gate() != null && r.gate().againstDeny()) {
            gaps.add("Deployed against a gate deny (decision #" + r.gate().id() + ": " + codes(r.gate()) + ").");
        }
        if (r.gate() != null && r.gate().emergency()) {
            gaps.add("Break-glass deploy (gate decision #" + r.gate().id() + ")"
                    + (r.gate().emergencyReason() == null
                            ? "."
                            : ": " + r.gate().emergencyReason()));
        }
        if (r.compliance() != null) {
            r.compliance().failed().forEach(i -> gaps.add("Checklist item " + i.key() + " failed: " + i.reason()));
        }
        if (r.stagingVerification() == null) {
            gaps.add("Revision " + r.toRevision()
                    + " has no earlier successful deployment on the verifying environment.");
        }
        return new ChangeRecord(
                r.deploymentId(),
                r.projectKey(),
                r.environmentKey(),
                r.provider(),
                r.externalId(),
                r.attempt(),
                r.url(),
                r.commitSha(),
                r.fromRevision(),
                r.toRevision(),
                r.status(),
                r.startedAt(),
                r.finishedAt(),
                r.deployerType(),
                r.deployerName(),
                r.maxLockMs(),
                r.gateDecisionId(),
                r.ci(),
                r.migrations(),
                r.backup(),
                r.stagingVerification(),
                r.approvals(),
                r.gate(),
                r.compliance(),
                List.copyOf(gaps));
    }

    /** Why a destructive migration lacks an approval granted (for exactly its checksum) before the deployment started, if it does. */
    private static Optional<String> approvalGap(ChangeRecord r, MigrationEvidence migration) {
        List<ApprovalEvidence> covering = r.approvals().stream()
                .filter(a -> "approval".equals(a.kind()) && a.covers(migration))
                .toList();
        if (covering.stream().anyMatch(ApprovalEvidence::grantedBeforeDeployment)) {
            return Optional.empty();
        }
        String subject = "Destructive migration " + migration.revision();
        if (covering.isEmpty()) {
            boolean otherChecksum = r.approvals().stream()
                    .flatMap(a -> a.migrations().stream())
                    .anyMatch(m -> m.revision().equals(migration.revision()));
            return Optional.of(subject + ": no approval request covered this migration"
                    + (otherChecksum
                            ? " with the deployed checksum " + migration.checksum()
                                    + " (only other checksums were approved)."
                            : "."));
        }
        Optional<ApprovalEvidence> late =
                covering.stream().filter(a -> "approved".equals(a.status())).findFirst();
        if (late.isPresent()) {
            return Optional.of(subject + " was approved only after the deployment started (request #"
                    + late.get().requestId() + ").");
        }
        ApprovalEvidence last = covering.get(covering.size() - 1);
        return Optional.of(
                subject + ": its approval request #" + last.requestId() + " is " + last.status() + ", not granted.");
    }

    private static String codes(GateEvidence gate) {
        return gate.reasons().isEmpty()
                ? "no reasons recorded"
                : String.join(
                        ", ",
                        gate.reasons().stream()
                                .map(reason -> reason.split(":", 2)[0])
                                .distinct()
                                .toList());
    }

    private List<ApprovalEvidence> approvals(
            long environmentId, List<MigrationEvidence> migrations, Long gateDecisionId, Instant startedAt) {
        Map<String, String> deployedChecksums = new HashMap<>();
        migrations.forEach(m -> deployedChecksums.put(m.revision(), m.checksum()));
        List<ApprovalEvidence> result = new ArrayList<>();
        for (ApprovalRequestView request :
                approvalRequests.forDeployment(environmentId, deployedChecksums.keySet(), gateDecisionId)) {
            List<CoveredMigration> covered = request.migrations().stream()
                    .map(m -> new CoveredMigration(
                            m.revision(), m.checksum(), m.checksum().equals(deployedChecksums.get(m.revision()))))
                    .toList();
            List<DecisionEvidence> decisions = request.decisions().stream()
                    .map(d -> new DecisionEvidence(
                            d.decidedBy(),
                            d.decision(),
                            d.comment(),
                            d.channel(),
                            d.decidedAt(),
                            !d.decidedAt().isAfter(startedAt)))
                    .toList();
            boolean grantedBefore = "approval".equals(request.kind())
                    && "approved".equals(request.status())
                    && request.closedAt() != null
                    && !request.closedAt().isAfter(startedAt);
            result.add(new ApprovalEvidence(
                    request.id(),
                    request.kind(),
                    request.status(),
                    request.requestedBy(),
                    request.openedBy(),
                    request.origin(),
                    request.reason(),
                    request.approvalsRequired(),
                    request.openedAt(),
                    request.closedAt(),
                    request.closedReason(),
                    covered,
                    decisions,
                    grantedBefore));
        }
        return result;
    }

    private static GateEvidence gateEvidence(GateDecisionView g) {
        return new GateEvidence(
                g.id(),
                g.decision(),
                g.mode(),
                g.emergency(),
                g.emergencyReason(),
                g.reasons().stream()
                        .map(reason -> reason.code() + ": " + reason.message())
                        .toList(),
                g.policyVersion(),
                g.actor(),
                g.decidedAt(),
                g.toRevision(),
                g.commitSha(),
                g.denied());
    }

    /** The checklist after the deployment: as of the next production deployment to this environment being received, or now. */
    private ComplianceEvidence compliance(long deploymentId, long environmentId, Instant receivedAt) {
        List<Instant> next = jdbc.query(
                "SELECT received_at FROM deployment WHERE environment_id = ? AND id <> ? AND received_at > ? "
                        + "ORDER BY received_at LIMIT 1",
                (rs, n) -> instant(rs, 1),
                environmentId,
                deploymentId,
                utc(receivedAt));
        Instant asOf = next.isEmpty() ? clock.instant() : next.get(0).minusNanos(1000);
        List<ComplianceItemEvidence> items = new ArrayList<>();
        for (StatusChange item : compliance.statusAt(environmentId, asOf)) {
            items.add(new ComplianceItemEvidence(item.item(), item.newStatus(), item.reason(), item.changedAt()));
        }
        return new ComplianceEvidence(asOf, List.copyOf(items));
    }

    private CiEvidence ciRun(long projectId, String commit) {
        List<Object[]> runs = jdbc.query(
                "SELECT id, provider, external_id, url, branch, pull_request, finished_at FROM ci_run "
                        + "WHERE project_id = ? AND commit_sha = ? ORDER BY received_at DESC, attempt DESC LIMIT 1",
                (rs, n) -> new Object[] {
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    nullableInt(rs, 6),
                    instant(rs, 7)
                },
                projectId,
                commit);
        if (runs.isEmpty()) {
            return null;
        }
        Object[] run = runs.get(0);
        long runId = (Long) run[0];
        List<CheckEvidence> checks = jdbc.query(
                "SELECT c.name, c.status, (SELECT count(*) FROM ci_finding f WHERE f.ci_check_id = c.id) "
                        + "FROM ci_check c WHERE c.ci_run_id = ? ORDER BY c.position",
                (rs, n) -> new CheckEvidence(rs.getString(1), rs.getString(2), rs.getInt(3)),
                runId);
        List<ReviewEvidence> reviews = jdbc.query(
                "SELECT reviewer, state, reviewed_at FROM ci_review WHERE ci_run_id = ? ORDER BY position",
                (rs, n) -> new ReviewEvidence(rs.getString(1), rs.getString(2), instant(rs, 3)),
                runId);
        return new CiEvidence(
                runId,
                (String) run[1],
                (String) run[2],
                (String) run[3],
                (String) run[4],
                (Integer) run[5],
                (Instant) run[6],
                checks,
                reviews);
    }

    /** Migrations applied by the deployment: ancestors of the target revision that are not ancestors of the starting one. */
    private List<MigrationEvidence> migrations(long projectId, String fromRevision, String toRevision) {
        Map<String, Long> ids = new HashMap<>();
        Map<String, List<String>> parents = new HashMap<>();
        jdbc.query(
                "SELECT m.id, m.revision, mp.parent_revision FROM migration m LEFT JOIN migration_parent mp ON mp.migration_id = m.id "
                        + "WHERE m.project_id = ? ORDER BY m.id, mp.position",
                rs -> {
                    ids.put(rs.getString(2), rs.getLong(1));
                    String parent = rs.getString(3);
                    List<String> list = parents.computeIfAbsent(rs.getString(2), k -> new ArrayList<>());
                    if (parent != null) {
                        list.add(parent);
                    }
                },
                projectId);
        Set<String> already = fromRevision == null ? Set.of() : ancestors(fromRevision, parents);
        List<String> applied = new ArrayList<>(ancestors(toRevision, parents));
        applied.removeAll(already);
        java.util.Collections.reverse(applied); // oldest first
        List<MigrationEvidence> result = new ArrayList<>();
        for (String revision : applied) {
            Long migrationId = ids.get(revision);
            if (migrationId == null) {
                continue;
            }
            List<OperationEvidence> operations = jdbc.query(
                    "SELECT o.operation_type, o.table_name, o.column_name, o.concurrently, o.destructive "
                            + "FROM migration_operation o WHERE o.migration_id = ? ORDER BY o.position",
                    (rs, n) -> new OperationEvidence(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)),
                    migrationId);
            result.addAll(jdbc.query(
                    "SELECT revision, description, author, checksum, downgrade, transactional, phase, destructive "
                            + "FROM migration WHERE id = ?",
                    (rs, n) -> new MigrationEvidence(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getBoolean(6),
                            rs.getString(7),
                            rs.getBoolean(8),
                            operations),
                    migrationId));
        }
        return result;
    }

    /** The revision and everything before it, nearest first (breadth-first over all parents of merges). */
    private static Set<String> ancestors(String revision, Map<String, List<String>> parents) {
        Set<String> ordered = new java.util.LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(revision));
        while (!queue.isEmpty() && ordered.size() < MAX_GRAPH_WALK) {
            String next = queue.removeFirst();
            if (ordered.add(next)) {
                queue.addAll(parents.getOrDefault(next, List.of()));
            }
        }
        return ordered;
    }

    private BackupEvidence backup(long environmentId, String backupRef, Instant startedAt) {
        String sql =
                "SELECT backup_ref, taken_at, verified_at, method, location FROM backup WHERE environment_id = ? AND ";
        List<BackupEvidence> found = backupRef != null
                ? jdbc.query(sql + "backup_ref = ?", (rs, n) -> backupRow(rs), environmentId, backupRef)
                : jdbc.query(
                        sql + "taken_at <= ? AND taken_at >= ? ORDER BY taken_at DESC LIMIT 1",
                        (rs, n) -> backupRow(rs),
                        environmentId,
                        utc(startedAt),
                        utc(startedAt.minus(BACKUP_WINDOW)));
        return found.stream()
                .filter(b -> !b.takenAt().isAfter(startedAt) && !b.takenAt().isBefore(startedAt.minus(BACKUP_WINDOW)))
                .findFirst()
                .orElse(null);
    }

    private StagingEvidence staging(long verifyingEnvironmentId, String toRevision, Instant startedAt) {
        return jdbc
                .query(
                        "SELECT d.id, e.environment_key, d.status, d.finished_at, d.max_lock_ms FROM deployment d "
                                + "JOIN environment e ON e.id = d.environment_id WHERE d.environment_id = ? AND d.to_revision = ? "
                                + "AND d.status = 'succeeded' AND d.finished_at <= ? ORDER BY d.finished_at DESC LIMIT 1",
                        (rs, n) -> new StagingEvidence(
                                rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4), nullableLong(rs, 5)),
                        verifyingEnvironmentId,
                        toRevision,
                        utc(startedAt))
                .stream()
                .findFirst()
                .orElse(null);
    }

    private static BackupEvidence backupRow(ResultSet rs) throws SQLException {
        return new BackupEvidence(rs.getString(1), instant(rs, 2), instant(rs, 3), rs.getString(4), rs.getString(5));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
