package org.migrationportal.compliance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.migrationportal.compliance.ComplianceViews.ApprovalRow;
import org.migrationportal.compliance.ComplianceViews.BackupRow;
import org.migrationportal.compliance.ComplianceViews.CiRunRow;
import org.migrationportal.compliance.ComplianceViews.DeploymentPage;
import org.migrationportal.compliance.ComplianceViews.DeploymentRow;
import org.migrationportal.compliance.ComplianceViews.DriftRow;
import org.migrationportal.compliance.ComplianceViews.EnvironmentPage;
import org.migrationportal.compliance.ComplianceViews.EnvironmentSummary;
import org.migrationportal.compliance.ComplianceViews.MigrationPage;
import org.migrationportal.compliance.ComplianceViews.OperationRow;
import org.migrationportal.compliance.ComplianceViews.Overview;
import org.migrationportal.compliance.ComplianceViews.Placement;
import org.migrationportal.compliance.ComplianceViews.ProjectPage;
import org.migrationportal.compliance.ComplianceViews.ProjectRow;
import org.migrationportal.compliance.ComplianceViews.RevisionCell;
import org.migrationportal.compliance.ComplianceViews.Trend;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.MigrationGraph;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The read façade of the compliance module: stored checklists, the overview grid, trends, revision
 * matrix and the evidence pages. Reads stored results; an environment never evaluated is evaluated on first read.
 */
@Service
public class ComplianceDashboard {

    static final int TREND_DAYS = 30;

    private final JdbcClient jdbc;
    private final ProjectCatalog projects;
    private final ComplianceStore store;
    private final ComplianceEvaluator evaluator;
    private final EvidenceReader reader;
    private final PolicyBook policies;
    private final Clock clock;

    ComplianceDashboard(
            JdbcClient jdbc,
            ProjectCatalog projects,
            ComplianceStore store,
            ComplianceEvaluator evaluator,
            EvidenceReader reader,
            PolicyBook policies,
            Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.store = store;
        this.evaluator = evaluator;
        this.reader = reader;
        this.policies = policies;
        this.clock = clock;
    }

    public EnvironmentCompliance environment(String projectKey, String environmentKey) {
        ProjectView project = projects.get(projectKey);
        EnvironmentView environment = project.environment(environmentKey)
                .orElseThrow(() -> NotFoundException.environment(projectKey, environmentKey));
        return compliance(project, environment);
    }

    public List<EnvironmentCompliance> project(String projectKey) {
        ProjectView project = projects.get(projectKey);
        return project.environments().stream().map(e -> compliance(project, e)).toList();
    }

    private EnvironmentCompliance compliance(ProjectView project, EnvironmentView environment) {
        return store.load(project.key(), environment.key(), environment.id())
                .orElseGet(() -> evaluator.evaluate(project, environment));
    }

    public Overview overview(String statusFilter) {
        List<ProjectView> active = projects.list(false);
        Map<Long, EnvironmentSummary> summaries = new HashMap<>();
        jdbc.sql(
                        "select c.environment_id, c.status, c.pass_count, c.warn_count, c.fail_count, c.unknown_count, c.policy_version, c.evaluated_at "
                                + "from compliance_evaluation c")
                .query(rs -> {
                    summaries.put(
                            rs.getLong(1),
                            new EnvironmentSummary(
                                    null,
                                    false,
                                    rs.getString(2),
                                    rs.getInt(3),
                                    rs.getInt(4),
                                    rs.getInt(5),
                                    rs.getInt(6),
                                    rs.getInt(7),
                                    rs.getTimestamp(8).toInstant()));
                });
        List<ProjectRow> rows = new ArrayList<>();
        for (ProjectView project : active) {
            List<EnvironmentSummary> environments = project.environments().stream()
                    .sorted(java.util.Comparator.comparingInt(EnvironmentView::order))
                    .map(e -> {
                        EnvironmentSummary s = summaries.get(e.id());
                        return s == null
                                ? new EnvironmentSummary(e.key(), e.production(), "unknown", 0, 0, 0, 0, 0, null)
                                : new EnvironmentSummary(
                                        e.key(),
                                        e.production(),
                                        s.status(),
                                        s.pass(),
                                        s.warn(),
                                        s.fail(),
                                        s.unknown(),
                                        s.policyVersion(),
                                        s.evaluatedAt());
                    })
                    .toList();
            ProjectRow row = new ProjectRow(project, environments);
            if (statusFilter == null
                    || statusFilter.isBlank()
                    || environments.stream().anyMatch(s -> s.status().equals(statusFilter))) {
                rows.add(row);
            }
        }
        int failing = rows.stream().mapToInt(ProjectRow::failing).sum();
        int warning = rows.stream().mapToInt(ProjectRow::warning).sum();
        return new Overview(
                rows,
                failing,
                warning,
                reader.approvals().pendingCount(),
                deployments(null, null, null, 10),
                overallTrend());
    }

    /** The all-projects trend is a 30-day daily series: recomputing it more than every 30 s buys nothing. */
    private Trend overallTrend() {
        Object[] cached = overallTrend;
        if (cached != null && System.nanoTime() - (Long) cached[1] < TREND_CACHE_NANOS) {
            return (Trend) cached[0];
        }
        Trend trend = trend(null);
        overallTrend = new Object[] {trend, System.nanoTime()};
        return trend;
    }

    private static final long TREND_CACHE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    private volatile Object[] overallTrend;

    /** Share of passing checklist items per day over the last 30 days, for all projects or one. */
    public Trend trend(Long projectId) {
        Map<String, String> state = new HashMap<>();
        jdbc.sql("select s.environment_id, s.item_key, s.status from compliance_item_status s"
                        + (projectId == null
                                ? ""
                                : " join environment e on e.id = s.environment_id where e.project_id = :project"))
                .params(projectId == null ? Map.of() : Map.of("project", projectId))
                .query(rs -> {
                    state.put(rs.getLong(1) + "/" + rs.getString(2), rs.getString(3));
                });
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Instant since =
                today.minusDays(TREND_DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Object[]> changes = jdbc.sql(
                        "select environment_id, item_key, old_status, changed_at from compliance_status_change "
                                + "where changed_at >= :since" + (projectId == null ? "" : " and project_id = :project")
                                + " order by changed_at desc, id desc")
                .params(
                        projectId == null
                                ? Map.of("since", Timestamp.from(since))
                                : Map.of("since", Timestamp.from(since), "project", projectId))
                .query((rs, n) -> new Object[] {
                    rs.getLong(1) + "/" + rs.getString(2),
                    rs.getString(3),
                    rs.getTimestamp(4).toInstant()
                })
                .list();
        List<String> days = new ArrayList<>();
        List<Integer> shares = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < TREND_DAYS; i++) {
            LocalDate day = today.minusDays(i);
            Instant endOfDay = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            while (next < changes.size() && !((Instant) changes.get(next)[2]).isBefore(endOfDay)) {
                Object[] change = changes.get(next++);
                if (change[1] == null) {
                    state.remove((String) change[0]);
                } else {
                    state.put((String) change[0], (String) change[1]);
                }
            }
            long pass = state.values().stream().filter("pass"::equals).count();
            days.add(0, day.toString());
            shares.add(0, state.isEmpty() ? null : (int) Math.round(100.0 * pass / state.size()));
        }
        return new Trend(days, shares);
    }

    public ProjectPage projectPage(String projectKey) {
        ProjectView project = projects.get(projectKey);
        List<EnvironmentCompliance> checklists = project.environments().stream()
                .sorted(java.util.Comparator.comparingInt(EnvironmentView::order))
                .map(e -> compliance(project, e))
                .toList();
        MigrationGraph graph = reader.graph(project.id());
        List<String> heads = graph.heads();
        String head = heads.stream()
                .max(java.util.Comparator.comparingInt(
                        h -> graph.ancestorsOrSelf(h).size()))
                .orElse(null);
        List<RevisionCell> revisions = new ArrayList<>();
        for (EnvironmentView e : project.environments().stream()
                .sorted(java.util.Comparator.comparingInt(EnvironmentView::order))
                .toList()) {
            Optional<Object[]> current = jdbc.sql(
                            "select to_revision, coalesce(finished_at, started_at) from deployment where environment_id = ? "
                                    + "and status = 'succeeded' order by started_at desc, id desc limit 1")
                    .param(e.id())
                    .query((rs, n) ->
                            new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant()})
                    .optional();
            String revision = current.map(c -> (String) c[0]).orElse(null);
            int behind = head == null ? 0 : graph.range(revision, head).size();
            String status = checklists.stream()
                    .filter(c -> c.environment().equals(e.key()))
                    .findFirst()
                    .map(EnvironmentCompliance::status)
                    .orElse("unknown");
            revisions.add(new RevisionCell(
                    e.key(), revision, behind, current.map(c -> (Instant) c[1]).orElse(null), status));
        }
        long reversible = graph.byRevision().values().stream()
                .filter(m -> "reversible".equals(m.downgrade()))
                .count();
        int total = graph.byRevision().size();
        int coverage = total == 0 ? 100 : (int) Math.floor(100.0 * reversible / total);
        return new ProjectPage(
                project,
                checklists,
                revisions,
                head,
                coverage,
                total,
                trend(project.id()),
                deployments(project.id(), null, null, 10));
    }

    public EnvironmentPage environmentPage(String projectKey, String environmentKey, String deploymentStatus) {
        ProjectView project = projects.get(projectKey);
        EnvironmentView environment = project.environment(environmentKey)
                .orElseThrow(() -> NotFoundException.environment(projectKey, environmentKey));
        EnvironmentCompliance checklist = compliance(project, environment);
        List<BackupRow> backups = jdbc.sql(
                        "select id, backup_ref, taken_at, size_bytes, location, method, verified_at from backup "
                                + "where environment_id = ? order by taken_at desc limit 10")
                .param(environment.id())
                .query((rs, n) -> new BackupRow(
                        rs.getLong(1),
                        rs.getString(2),
                        EvidenceReader.instant(rs, "taken_at"),
                        nullableLong(rs, 4),
                        rs.getString(5),
                        rs.getString(6),
                        EvidenceReader.instant(rs, "verified_at")))
                .list();
        List<DriftRow> drift = jdbc.sql(
                        "select id, checked_at, drifted, diff from drift_report where environment_id = ? order by checked_at desc limit 10")
                .param(environment.id())
                .query((rs, n) -> new DriftRow(
                        rs.getLong(1), EvidenceReader.instant(rs, "checked_at"), rs.getBoolean(3), rs.getString(4)))
                .list();
        return new EnvironmentPage(
                project,
                environment.key(),
                environment.production(),
                environment.verifiedBy(),
                checklist,
                policies.policyFor(environment),
                deployments(null, environment.id(), deploymentStatus, 25),
                backups,
                drift,
                history(environment.id(), 25),
                reader.currentRevision(environment.id()));
    }

    public List<DeploymentRow> environmentDeployments(String projectKey, String environmentKey, String status) {
        EnvironmentView environment = projects.get(projectKey)
                .environment(environmentKey)
                .orElseThrow(() -> NotFoundException.environment(projectKey, environmentKey));
        return deployments(null, environment.id(), status, 25);
    }

    public Optional<DriftRow> driftReport(String projectKey, String environmentKey, long id) {
        EnvironmentView environment = projects.get(projectKey)
                .environment(environmentKey)
                .orElseThrow(() -> NotFoundException.environment(projectKey, environmentKey));
        return jdbc.sql("select id, checked_at, drifted, diff from drift_report where environment_id = ? and id = ?")
                .params(environment.id(), id)
                .query((rs, n) -> new DriftRow(
                        rs.getLong(1), EvidenceReader.instant(rs, "checked_at"), rs.getBoolean(3), rs.getString(4)))
                .optional();
    }

    List<StatusChange> history(long environmentId, int limit) {
        return jdbc.sql(
                        "select e.environment_key, c.item_key, c.old_status, c.new_status, c.reason, c.policy_version, c.changed_at "
                                + "from compliance_status_change c join environment e on e.id = c.environment_id where c.environment_id = ? "
                                + "order by c.changed_at desc, c.id desc limit ?")
                .params(environmentId, limit)
                .query((rs, n) -> new StatusChange(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    /**
     * The status each of the twelve checklist items of the environment had at a moment, rebuilt from the
     * status history: per item the latest change at or before {@code at}, in checklist order. An item with
     * no change by then is reported as {@code unknown} ("not evaluated by then"), with a null time.
     */
    public List<StatusChange> statusAt(long environmentId, Instant at) {
        Map<String, StatusChange> latest = new HashMap<>();
        String environmentKey = jdbc.sql("select environment_key from environment where id = ?")
                .param(environmentId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("No environment #" + environmentId + "."));
        jdbc.sql(
                        "select c.item_key, c.old_status, c.new_status, c.reason, c.policy_version, c.changed_at from compliance_status_change c "
                                + "where c.environment_id = ? and c.changed_at <= ? order by c.changed_at, c.id")
                .params(environmentId, Timestamp.from(at))
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    latest.put(
                            rs.getString(1),
                            new StatusChange(
                                    environmentKey,
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getInt(5),
                                    rs.getTimestamp(6).toInstant()));
                });
        List<StatusChange> items = new ArrayList<>();
        for (String key : org.migrationportal.compliance.checklist.Checklist.KEYS) {
            items.add(latest.getOrDefault(
                    key, new StatusChange(environmentKey, key, null, "unknown", "Not evaluated by then.", 0, null)));
        }
        return items;
    }

    public List<StatusChange> history(String projectKey, String environmentKey, int limit) {
        EnvironmentView environment = projects.get(projectKey)
                .environment(environmentKey)
                .orElseThrow(() -> NotFoundException.environment(projectKey, environmentKey));
        return history(environment.id(), limit);
    }

    List<DeploymentRow> deployments(Long projectId, Long environmentId, String status, int limit) {
        StringBuilder sql = new StringBuilder(
                "select d.id, p.project_key, e.environment_key, d.from_revision, d.to_revision, d.commit_sha, d.status, "
                        + "d.started_at, d.finished_at, d.actor_type, d.actor_name, d.max_lock_ms, d.backup_ref, d.url from deployment d "
                        + "join project p on p.id = d.project_id join environment e on e.id = d.environment_id where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (projectId != null) {
            sql.append(" and d.project_id = :project");
            params.put("project", projectId);
        }
        if (environmentId != null) {
            sql.append(" and d.environment_id = :environment");
            params.put("environment", environmentId);
        }
        if (status != null && !status.isBlank()) {
            sql.append(" and d.status = :status");
            params.put("status", status);
        }
        sql.append(" order by d.started_at desc, d.id desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> deploymentRow(rs))
                .list();
    }

    private static DeploymentRow deploymentRow(ResultSet rs) throws SQLException {
        return new DeploymentRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                EvidenceReader.instant(rs, "started_at"),
                EvidenceReader.instant(rs, "finished_at"),
                rs.getString(10),
                rs.getString(11),
                nullableLong(rs, 12),
                rs.getString(13),
                rs.getString(14));
    }

    public MigrationPage migrationPage(String projectKey, String revision) {
        ProjectView project = projects.get(projectKey);
        Object[] m = jdbc.sql(
                        "select id, description, author, checksum, downgrade, transactional, phase, expand_revision, destructive "
                                + "from migration where project_id = ? and revision = ?")
                .params(project.id(), revision)
                .query((rs, n) -> new Object[] {
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getBoolean(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getBoolean(9)
                })
                .optional()
                .orElseThrow(() ->
                        new NotFoundException("Project '" + projectKey + "' has no migration '" + revision + "'."));
        long id = (Long) m[0];
        MigrationGraph graph = reader.graph(project.id());
        List<OperationRow> operations = reader.operations(List.of(id)).getOrDefault(id, List.of()).stream()
                .map(o -> new OperationRow(o.type(), o.table(), o.column(), o.concurrently(), o.destructive()))
                .toList();
        List<String> checksums = jdbc.sql(
                        "select checksum from migration_checksum where migration_id = ? order by first_seen_at, id")
                .param(id)
                .query(String.class)
                .list();
        List<Long> runIds = jdbc.sql(
                        "select r.id from ci_run_migration crm join ci_run r on r.id = crm.ci_run_id where crm.migration_id = ? "
                                + "order by r.started_at desc nulls last, r.id desc limit 20")
                .param(id)
                .query(Long.class)
                .list();
        List<Placement> placements = new ArrayList<>();
        List<ApprovalRow> approvals = new ArrayList<>();
        ApprovalRecords records = reader.approvals();
        for (EnvironmentView e : project.environments().stream()
                .sorted(java.util.Comparator.comparingInt(EnvironmentView::order))
                .toList()) {
            String current = reader.currentRevision(e.id());
            placements.add(new Placement(
                    e.key(), current != null && graph.ancestorsOrSelf(current).contains(revision), current));
            if (e.production()) {
                records.grantedFor(e.id(), revision, (String) m[3])
                        .forEach(a -> approvals.add(
                                new ApprovalRow(e.key(), a.requestId(), a.requester(), a.approvers(), a.approvedAt())));
            }
        }
        boolean destructive = (Boolean) m[8] || operations.stream().anyMatch(OperationRow::destructive);
        return new MigrationPage(
                project,
                id,
                revision,
                graph.byRevision().get(revision).parents(),
                (String) m[1],
                (String) m[2],
                (String) m[3],
                checksums,
                (String) m[4],
                (Boolean) m[5],
                (String) m[6],
                (String) m[7],
                destructive,
                operations,
                ciRunRows(runIds),
                placements,
                records.available(),
                approvals);
    }

    public DeploymentPage deploymentPage(String projectKey, long deploymentId) {
        ProjectView project = projects.get(projectKey);
        DeploymentRow row = jdbc.sql(
                        "select d.id, p.project_key, e.environment_key, d.from_revision, d.to_revision, d.commit_sha, d.status, "
                                + "d.started_at, d.finished_at, d.actor_type, d.actor_name, d.max_lock_ms, d.backup_ref, d.url from deployment d "
                                + "join project p on p.id = d.project_id join environment e on e.id = d.environment_id where d.id = ? and d.project_id = ?")
                .params(deploymentId, project.id())
                .query((rs, n) -> deploymentRow(rs))
                .optional()
                .orElseThrow(() ->
                        new NotFoundException("Project '" + projectKey + "' has no deployment " + deploymentId + "."));
        MigrationGraph graph = reader.graph(project.id());
        List<Long> runIds = jdbc.sql(
                        "select id from ci_run where project_id = ? and commit_sha = ? order by started_at desc nulls last, id desc limit 20")
                .params(project.id(), row.commitSha())
                .query(Long.class)
                .list();
        return new DeploymentPage(project, row, graph.range(row.fromRevision(), row.toRevision()), ciRunRows(runIds));
    }

    List<CiRunRow> ciRunRows(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<String, String>> checks = new HashMap<>();
        jdbc.sql("select ci_run_id, name, status from ci_check where ci_run_id in (:ids) order by ci_run_id, position")
                .param("ids", ids)
                .query(rs -> {
                    checks.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getString(3));
                });
        Map<Long, List<String>> approvers = new HashMap<>();
        jdbc.sql(
                        "select ci_run_id, reviewer from ci_review where ci_run_id in (:ids) and lower(state) = 'approved' order by ci_run_id, position")
                .param("ids", ids)
                .query(rs -> {
                    approvers
                            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                });
        return jdbc.sql(
                        "select id, provider, external_id, attempt, url, commit_sha, branch, pull_request, started_at, head_count from ci_run "
                                + "where id in (:ids) order by started_at desc nulls last, id desc")
                .param("ids", ids)
                .query((rs, n) -> new CiRunRow(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        (Integer) rs.getObject(8),
                        EvidenceReader.instant(rs, "started_at"),
                        rs.getInt(10),
                        checks.getOrDefault(rs.getLong(1), Map.of()),
                        approvers.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
