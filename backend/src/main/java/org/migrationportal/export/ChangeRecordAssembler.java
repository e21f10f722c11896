package org.migrationportal.export;

import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.migrationportal.compliance.ApprovalRecords;
import org.migrationportal.export.ChangeRecord.ApprovalEvidence;
import org.migrationportal.export.ChangeRecord.BackupEvidence;
import org.migrationportal.export.ChangeRecord.CheckEvidence;
import org.migrationportal.export.ChangeRecord.CiEvidence;
import org.migrationportal.export.ChangeRecord.MigrationEvidence;
import org.migrationportal.export.ChangeRecord.OperationEvidence;
import org.migrationportal.export.ChangeRecord.ReviewEvidence;
import org.migrationportal.export.ChangeRecord.StagingEvidence;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gathers one change record from the evidence tables (0100-evidence.xml) with plain SQL. This is the one
 * place that knows where each piece of evidence lives: extend it when more evidence appears (gate
 * decisions, compliance items). Approvals come through the compliance module's {@link ApprovalRecords}
 * port when the approvals module provides it.
 */
@Component
class ChangeRecordAssembler {

    private static final Duration BACKUP_WINDOW = Duration.ofHours(24);
    private static final int MAX_GRAPH_WALK = 10_000;

    private final JdbcTemplate jdbc;
    private final ObjectProvider<ApprovalRecords> approvalRecords;

    ChangeRecordAssembler(JdbcTemplate jdbc, ObjectProvider<ApprovalRecords> approvalRecords) {
        this.jdbc = jdbc;
        this.approvalRecords = approvalRecords;
    }

    Optional<ChangeRecord> assemble(long deploymentId) {
        List<ChangeRecord> found = jdbc.query("SELECT d.id, p.project_key, e.environment_key, d.provider, d.external_id, d.attempt, d.url, "
                + "d.commit_sha, d.from_revision, d.to_revision, d.status, d.started_at, d.finished_at, d.actor_type, d.actor_name, "
                + "d.max_lock_ms, d.gate_decision_id, d.backup_ref, d.project_id, d.environment_id, e.verified_by_id "
                + "FROM deployment d JOIN project p ON p.id = d.project_id JOIN environment e ON e.id = d.environment_id "
                + "WHERE d.id = ? AND e.production = TRUE", (rs, n) -> build(rs), deploymentId);
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

        ApprovalRecords approvals = approvalRecords.getIfAvailable();
        List<ApprovalEvidence> granted = new ArrayList<>();
        String approvalsSource = approvals == null ? "unavailable" : "approvals";
        if (approvals != null) {
            for (MigrationEvidence migration : migrations) {
                if (migration.destructive()) {
                    approvals.grantedFor(environmentId, migration.revision(), migration.checksum()).forEach(a -> granted.add(
                            new ApprovalEvidence(migration.revision(), a.requestId(), a.requester(), a.approvers(), a.approvedAt())));
                }
            }
        }
        ChangeRecord draft = new ChangeRecord(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                rs.getString(7), commit, fromRevision, toRevision, rs.getString(11), startedAt, instant(rs, 13), actorType,
                rs.getString(15), nullableLong(rs, 16), nullableLong(rs, 17), ci, migrations, backup, staging, approvalsSource,
                granted, List.of());
        return withExceptions(draft);
    }

    /** Evidence gaps visible in the record itself (the compliance module's checklist is the authority on status). */
    static ChangeRecord withExceptions(ChangeRecord r) {
        List<String> gaps = new ArrayList<>();
        if ("human".equals(r.deployerType())) {
            gaps.add("Deployed by a human (" + (r.deployerName() == null ? "unnamed" : r.deployerName()) + "), not a pipeline.");
        }
        if (!"succeeded".equals(r.status())) {
            gaps.add("Deployment status is " + r.status() + ".");
        }
        if (r.ci() == null) {
            gaps.add("No CI run is recorded for commit " + r.commitSha() + ".");
        } else {
            r.ci().checks().stream().filter(c -> !"passed".equals(c.status()))
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
            if ("approvals".equals(r.approvalsSource()) && r.approvals().isEmpty()) {
                gaps.add("Destructive change without a granted approval.");
            }
        }
        if (r.stagingVerification() == null) {
            gaps.add("Revision " + r.toRevision() + " has no earlier successful deployment on the verifying environment.");
        }
        return new ChangeRecord(r.deploymentId(), r.projectKey(), r.environmentKey(), r.provider(), r.externalId(), r.attempt(), r.url(),
                r.commitSha(), r.fromRevision(), r.toRevision(), r.status(), r.startedAt(), r.finishedAt(), r.deployerType(),
                r.deployerName(), r.maxLockMs(), r.gateDecisionId(), r.ci(), r.migrations(), r.backup(), r.stagingVerification(),
                r.approvalsSource(), r.approvals(), List.copyOf(gaps));
    }

    private CiEvidence ciRun(long projectId, String commit) {
        List<Object[]> runs = jdbc.query("SELECT id, provider, external_id, url, branch, pull_request, finished_at FROM ci_run "
                + "WHERE project_id = ? AND commit_sha = ? ORDER BY received_at DESC, attempt DESC LIMIT 1",
                (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        nullableInt(rs, 6), instant(rs, 7)}, projectId, commit);
        if (runs.isEmpty()) {
            return null;
        }
        Object[] run = runs.get(0);
        long runId = (Long) run[0];
        List<CheckEvidence> checks = jdbc.query("SELECT c.name, c.status, (SELECT count(*) FROM ci_finding f WHERE f.ci_check_id = c.id) "
                + "FROM ci_check c WHERE c.ci_run_id = ? ORDER BY c.position", (rs, n) -> new CheckEvidence(rs.getString(1),
                rs.getString(2), rs.getInt(3)), runId);
        List<ReviewEvidence> reviews = jdbc.query("SELECT reviewer, state, reviewed_at FROM ci_review WHERE ci_run_id = ? ORDER BY position",
                (rs, n) -> new ReviewEvidence(rs.getString(1), rs.getString(2), instant(rs, 3)), runId);
        return new CiEvidence(runId, (String) run[1], (String) run[2], (String) run[3], (String) run[4], (Integer) run[5],
                (Instant) run[6], checks, reviews);
    }

    /** Migrations applied by the deployment: ancestors of the target revision that are not ancestors of the starting one. */
    private List<MigrationEvidence> migrations(long projectId, String fromRevision, String toRevision) {
        Map<String, Long> ids = new HashMap<>();
        Map<String, List<String>> parents = new HashMap<>();
        jdbc.query("SELECT m.id, m.revision, mp.parent_revision FROM migration m LEFT JOIN migration_parent mp ON mp.migration_id = m.id "
                + "WHERE m.project_id = ? ORDER BY m.id, mp.position", rs -> {
                    ids.put(rs.getString(2), rs.getLong(1));
                    String parent = rs.getString(3);
                    List<String> list = parents.computeIfAbsent(rs.getString(2), k -> new ArrayList<>());
                    if (parent != null) {
                        list.add(parent);
                    }
                }, projectId);
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
            List<OperationEvidence> operations = jdbc.query("SELECT o.operation_type, o.table_name, o.column_name, o.concurrently, o.destructive "
                    + "FROM migration_operation o WHERE o.migration_id = ? ORDER BY o.position", (rs, n) -> new OperationEvidence(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)), migrationId);
            result.addAll(jdbc.query("SELECT revision, description, author, checksum, downgrade, transactional, phase, destructive "
                    + "FROM migration WHERE id = ?", (rs, n) -> new MigrationEvidence(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getBoolean(8), operations), migrationId));
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
        String sql = "SELECT backup_ref, taken_at, verified_at, method, location FROM backup WHERE environment_id = ? AND ";
        List<BackupEvidence> found = backupRef != null
                ? jdbc.query(sql + "backup_ref = ?", (rs, n) -> backupRow(rs), environmentId, backupRef)
                : jdbc.query(sql + "taken_at <= ? AND taken_at >= ? ORDER BY taken_at DESC LIMIT 1", (rs, n) -> backupRow(rs), environmentId,
                        utc(startedAt), utc(startedAt.minus(BACKUP_WINDOW)));
        return found.stream().filter(b -> !b.takenAt().isAfter(startedAt) && !b.takenAt().isBefore(startedAt.minus(BACKUP_WINDOW)))
                .findFirst().orElse(null);
    }

    private StagingEvidence staging(long verifyingEnvironmentId, String toRevision, Instant startedAt) {
        return jdbc.query("SELECT d.id, e.environment_key, d.status, d.finished_at, d.max_lock_ms FROM deployment d "
                + "JOIN environment e ON e.id = d.environment_id WHERE d.environment_id = ? AND d.to_revision = ? "
                + "AND d.status = 'succeeded' AND d.finished_at <= ? ORDER BY d.finished_at DESC LIMIT 1",
                (rs, n) -> new StagingEvidence(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4), nullableLong(rs, 5)),
                verifyingEnvironmentId, toRevision, utc(startedAt)).stream().findFirst().orElse(null);
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
