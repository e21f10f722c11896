package org.migrationportal.compliance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migrationportal.compliance.ApprovalRecords.GrantedApproval;
import org.migrationportal.compliance.checklist.EnvironmentEvidence;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Backup;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.CiRun;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Deployment;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.DriftReport;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.EnvironmentRef;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Manifest;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Migration;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.MigrationGraph;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Operation;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.ProjectRef;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Review;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads one environment's evidence from the evidence tables (the ingest schema is the contract) into the
 * immutable {@link EnvironmentEvidence}. Every read is bounded: the latest N deployments of the environment
 * and of its verifier, and only the CI runs, manifests, reviews, operations and backups those deployments need.
 */
@Component
class EvidenceReader {

    private final JdbcClient jdbc;
    private final PolicyBook policies;
    private final ObjectProvider<ApprovalRecords> approvalRecords;
    private final int window;

    EvidenceReader(
            JdbcClient jdbc,
            PolicyBook policies,
            ObjectProvider<ApprovalRecords> approvalRecords,
            @Value("${portal.compliance.deployment-window:100}") int window) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.approvalRecords = approvalRecords;
        this.window = window;
    }

    int window() {
        return window;
    }

    ApprovalRecords approvals() {
        return approvalRecords.getIfAvailable(NoApprovalModule::new);
    }

    /** The environment's recorded history: its latest N deployments are judged. */
    EnvironmentEvidence recorded(ProjectView project, EnvironmentView environment, Instant now) {
        MigrationGraph graph = graph(project.id());
        List<Deployment> deployments = deployments(environment.id(), graph, window, false);
        return assemble(project, environment, now, false, graph, deployments);
    }

    /** A planned deployment of {@code toRevision} at commit {@code commitSha}, judged as if it started now. */
    EnvironmentEvidence prospective(
            ProjectView project, EnvironmentView environment, Instant now, String toRevision, String requestedCommit) {
        MigrationGraph graph = graph(project.id());
        String commitSha = requestedCommit.toLowerCase(java.util.Locale.ROOT);
        String current = currentRevision(environment.id());
        Deployment planned = new Deployment(
                0,
                "planned",
                null,
                commitSha,
                current,
                toRevision,
                "planned",
                now,
                null,
                "pipeline",
                null,
                null,
                true,
                null,
                null,
                null,
                List.of());
        return assemble(project, environment, now, true, graph, List.of(planned));
    }

    String currentRevision(long environmentId) {
        return jdbc.sql(
                        "select to_revision from deployment where environment_id = ? and status = 'succeeded' order by started_at desc, id desc limit 1")
                .param(environmentId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    MigrationGraph graph(long projectId) {
        Map<Long, List<String>> parents = new HashMap<>();
        jdbc.sql(
                        "select mp.migration_id, mp.parent_revision from migration_parent mp join migration m on m.id = mp.migration_id "
                                + "where m.project_id = ? order by mp.migration_id, mp.position")
                .param(projectId)
                .query(rs -> {
                    parents.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                });
        Map<String, Migration> byRevision = new LinkedHashMap<>();
        jdbc.sql(
                        "select id, revision, description, author, checksum, downgrade, transactional, phase, expand_revision, destructive "
                                + "from migration where project_id = ? order by id")
                .param(projectId)
                .query(rs -> {
                    long id = rs.getLong("id");
                    byRevision.put(rs.getString("revision"), migration(rs, id, parents));
                });
        return new MigrationGraph(byRevision);
    }

    List<Deployment> deployments(long environmentId, MigrationGraph graph, int limit, boolean succeededOnly) {
        List<Deployment> rows =
                new ArrayList<>(jdbc.sql("select id, external_id, url, commit_sha, from_revision, to_revision, status, "
                                + "started_at, finished_at, actor_type, actor_name, token_id, token_restricted, max_lock_ms, backup_ref, gate_decision_id from deployment "
                                + "where environment_id = ? " + (succeededOnly ? "and status = 'succeeded' " : "")
                                + "order by started_at desc, id desc limit ?")
                        .params(environmentId, limit)
                        .query((rs, n) -> deployment(rs, graph))
                        .list());
        java.util.Collections.reverse(rows);
        return rows;
    }

    private static Deployment deployment(ResultSet rs, MigrationGraph graph) throws SQLException {
        long lock = rs.getLong("max_lock_ms");
        Long maxLock = rs.wasNull() ? null : lock;
        long token = rs.getLong("token_id");
        Long tokenId = rs.wasNull() ? null : token;
        long gate = rs.getLong("gate_decision_id");
        Long gateDecisionId = rs.wasNull() ? null : gate;
        String from = rs.getString("from_revision");
        String to = rs.getString("to_revision");
        return new Deployment(
                rs.getLong("id"),
                rs.getString("external_id"),
                rs.getString("url"),
                rs.getString("commit_sha"),
                from,
                to,
                rs.getString("status"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getString("actor_type"),
                rs.getString("actor_name"),
                tokenId,
                rs.getBoolean("token_restricted"),
                maxLock,
                rs.getString("backup_ref"),
                gateDecisionId,
                graph.range(from, to));
    }

    private EnvironmentEvidence assemble(
            ProjectView project,
            EnvironmentView environment,
            Instant now,
            boolean prospective,
            MigrationGraph catalogue,
            List<Deployment> deployments) {
        EnvironmentPolicy policy = policies.policyFor(environment);
        EnvironmentView verifier = environment.verifiedBy() == null
                ? null
                : project.environment(environment.verifiedBy()).orElse(null);
        List<Deployment> verifierDeployments =
                verifier == null ? List.of() : deployments(verifier.id(), catalogue, window * 2, true);

        Set<String> commits = new LinkedHashSet<>();
        deployments.forEach(d -> commits.add(d.commitSha()));
        Map<String, List<CiRun>> runsByCommit = new HashMap<>();
        for (CiRun run :
                ciRuns(project.id(), "commit_sha in (:commits)", Map.of("commits", commits), commits.isEmpty())) {
            runsByCommit
                    .computeIfAbsent(run.commitSha(), k -> new ArrayList<>())
                    .add(run);
        }
        Map<String, CiRun> validating = new HashMap<>();
        runsByCommit.forEach((commit, runs) -> validating.put(commit, validatingRun(runs, policy.requiredChecks())));
        Map<Long, Map<String, Migration>> versionsByRun =
                manifests(validating.values().stream().map(CiRun::id).toList());

        // What each deployment applied: the range in its commit's manifest (the catalogue fills in ancestry the
        // manifest does not carry); its contents only from that manifest.
        List<Deployment> judgedDeployments = new ArrayList<>();
        Map<Long, Set<String>> appliedVersions = new HashMap<>();
        for (Deployment d : deployments) {
            CiRun run = validating.get(d.commitSha());
            Map<String, Migration> manifest = run == null ? Map.of() : versionsByRun.get(run.id());
            Map<String, Migration> structure = new LinkedHashMap<>(catalogue.byRevision());
            structure.putAll(manifest);
            Deployment judged = d.withRevisions(new MigrationGraph(structure).range(d.fromRevision(), d.toRevision()));
            judgedDeployments.add(judged);
            for (String revision : judged.revisions()) {
                Migration m = manifest.get(revision);
                if (m != null) {
                    appliedVersions
                            .computeIfAbsent(m.id(), k -> new HashSet<>())
                            .add(revision);
                }
            }
        }
        deployments = judgedDeployments;
        Map<Long, List<Operation>> operations = operations(appliedVersions.keySet());
        Map<String, Manifest> manifests = new HashMap<>();
        validating.forEach((commit, run) -> {
            Map<String, Migration> byRevision = new LinkedHashMap<>();
            versionsByRun
                    .get(run.id())
                    .forEach((revision, m) ->
                            byRevision.put(revision, m.withOperations(operations.getOrDefault(m.id(), List.of()))));
            manifests.put(commit, new Manifest(run, byRevision));
        });

        Map<Long, List<Review>> reviews = new HashMap<>();
        if (!appliedVersions.isEmpty()) {
            jdbc.sql("select crm.version_id, r.ci_run_id, r.reviewer, r.state from ci_run_migration crm "
                            + "join ci_review r on r.ci_run_id = crm.ci_run_id where crm.version_id in (:ids)")
                    .param("ids", appliedVersions.keySet())
                    .query(rs -> {
                        reviews.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(new Review(rs.getLong(2), rs.getString(3), rs.getString(4)));
                    });
        }

        Instant oldest = deployments.isEmpty() ? now : deployments.get(0).startedAt();
        List<Backup> backups = jdbc.sql(
                        "select id, backup_ref, taken_at, verified_at, location from backup where environment_id = ? "
                                + "and taken_at >= ? order by taken_at desc limit 500")
                .params(environment.id(), Timestamp.from(oldest.minus(policy.backupWindow())))
                .query((rs, n) -> new Backup(
                        rs.getLong(1),
                        rs.getString(2),
                        instant(rs, "taken_at"),
                        instant(rs, "verified_at"),
                        rs.getString(5)))
                .list();
        DriftReport drift = jdbc.sql("select id, checked_at, drifted, diff from drift_report where environment_id = ? "
                        + "order by checked_at desc limit 1")
                .param(environment.id())
                .query((rs, n) ->
                        new DriftReport(rs.getLong(1), instant(rs, "checked_at"), rs.getBoolean(3), rs.getString(4)))
                .optional()
                .orElse(null);
        List<CiRun> latestOnBranch = ciRuns(
                project.id(),
                "branch = :branch and id = (select id from ci_run where project_id = :project "
                        + "and branch = :branch order by started_at desc nulls last, id desc limit 1)",
                Map.of("branch", project.defaultBranch()),
                false);

        ApprovalRecords approvals = approvals();
        Map<Long, List<GrantedApproval>> granted = new HashMap<>();
        Map<Long, ApprovalRecords.GateDecisionFacts> gateDecisions = Map.of();
        if (environment.production()) {
            for (Manifest manifest : manifests.values()) {
                for (Migration m : manifest.byRevision().values()) {
                    if (appliedVersions.containsKey(m.id()) && m.isDestructive() && !granted.containsKey(m.id())) {
                        granted.put(m.id(), approvals.grantedFor(environment.id(), m.revision(), m.checksum()));
                    }
                }
            }
            gateDecisions = approvals.gateDecisions(deployments.stream()
                    .map(Deployment::gateDecisionId)
                    .filter(java.util.Objects::nonNull)
                    .collect(java.util.stream.Collectors.toSet()));
        }
        return new EnvironmentEvidence(
                new ProjectRef(project.id(), project.key(), project.defaultBranch()),
                new EnvironmentRef(
                        environment.id(),
                        environment.key(),
                        environment.production(),
                        verifier == null ? null : verifier.id(),
                        verifier == null ? null : verifier.key()),
                policy,
                now,
                prospective,
                deployments,
                catalogue,
                runsByCommit,
                manifests,
                reviews,
                backups,
                drift,
                latestOnBranch.isEmpty() ? null : latestOnBranch.get(0),
                verifierDeployments,
                approvals.available(),
                granted,
                environment.production() ? approvals.overdueReviews(environment.id(), now) : List.of(),
                gateDecisions);
    }

    /**
     * The run whose manifest says what a commit contains: the latest run (attempt) whose required checks all
     * passed, else the latest run. {@code runs} are oldest first.
     */
    static CiRun validatingRun(List<CiRun> runs, List<String> requiredChecks) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            CiRun run = runs.get(i);
            if (requiredChecks.stream()
                    .allMatch(c -> "passed".equals(run.checks().get(c)))) {
                return run;
            }
        }
        return runs.get(runs.size() - 1);
    }

    /** The versions in each run's manifest, by revision (without operations). */
    Map<Long, Map<String, Migration>> manifests(Collection<Long> runIds) {
        Map<Long, Map<String, Migration>> byRun = new HashMap<>();
        runIds.forEach(id -> byRun.put(id, new LinkedHashMap<>()));
        if (runIds.isEmpty()) {
            return byRun;
        }
        Map<Long, List<String>> parents = new HashMap<>();
        jdbc.sql("select p.version_id, p.parent_revision from migration_version_parent p "
                        + "where p.version_id in (select version_id from ci_run_migration where ci_run_id in (:runs)) "
                        + "order by p.version_id, p.position")
                .param("runs", runIds)
                .query(rs -> {
                    parents.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                });
        jdbc.sql(
                        "select crm.ci_run_id, v.id, v.revision, v.description, v.author, v.checksum, v.downgrade, v.transactional, "
                                + "v.phase, v.expand_revision, v.destructive from ci_run_migration crm "
                                + "join migration_version v on v.id = crm.version_id where crm.ci_run_id in (:runs) "
                                + "order by crm.ci_run_id, crm.position")
                .param("runs", runIds)
                .query(rs -> {
                    long id = rs.getLong("id");
                    byRun.get(rs.getLong("ci_run_id")).put(rs.getString("revision"), migration(rs, id, parents));
                });
        return byRun;
    }

    /** The operations of these versions. */
    Map<Long, List<Operation>> operations(Collection<Long> versionIds) {
        Map<Long, List<Operation>> operations = new HashMap<>();
        if (versionIds.isEmpty()) {
            return operations;
        }
        // "concurrently" is a reserved word in PostgreSQL: select * and read the column by label.
        jdbc.sql(
                        "select o.* from migration_version_operation o where o.version_id in (:ids) order by o.version_id, o.position")
                .param("ids", versionIds)
                .query(rs -> {
                    operations
                            .computeIfAbsent(rs.getLong("version_id"), k -> new ArrayList<>())
                            .add(new Operation(
                                    rs.getString("operation_type"),
                                    rs.getString("table_name"),
                                    rs.getString("column_name"),
                                    rs.getBoolean("concurrently"),
                                    rs.getBoolean("destructive")));
                });
        return operations;
    }

    List<CiRun> ciRuns(long projectId, String condition, Map<String, ?> params, boolean none) {
        if (none) {
            return List.of();
        }
        var spec = jdbc.sql(
                        "select id, external_id, url, commit_sha, branch, started_at, head_count, commit_author, pull_request_author "
                                + "from ci_run where project_id = :project and "
                                + condition + " order by started_at nulls first, id")
                .param("project", projectId);
        for (Map.Entry<String, ?> p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        List<Object[]> rows = spec.query((rs, n) -> new Object[] {
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    instant(rs, "started_at"),
                    rs.getInt(7),
                    rs.getString(8),
                    rs.getString(9)
                })
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(r -> (Long) r[0]).toList();
        Map<Long, Map<String, String>> checks = new HashMap<>();
        jdbc.sql("select ci_run_id, name, status from ci_check where ci_run_id in (:ids) order by ci_run_id, position")
                .param("ids", ids)
                .query(rs -> {
                    checks.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getString(3));
                });
        Map<Long, List<Review>> reviews = new HashMap<>();
        jdbc.sql(
                        "select ci_run_id, reviewer, state from ci_review where ci_run_id in (:ids) order by ci_run_id, position")
                .param("ids", ids)
                .query(rs -> {
                    reviews.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Review(rs.getLong(1), rs.getString(2), rs.getString(3)));
                });
        return rows.stream()
                .map(r -> new CiRun(
                        (Long) r[0],
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        (Instant) r[5],
                        (Integer) r[6],
                        checks.getOrDefault((Long) r[0], Map.of()),
                        reviews.getOrDefault((Long) r[0], List.of()),
                        (String) r[7],
                        (String) r[8]))
                .toList();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** A migration row (catalogue or version) with its parents; operations are not read here. */
    private static Migration migration(ResultSet rs, long id, Map<Long, List<String>> parents) throws SQLException {
        return new Migration(
                id,
                rs.getString("revision"),
                parents.getOrDefault(id, List.of()),
                rs.getString("description"),
                rs.getString("author"),
                rs.getString("checksum"),
                rs.getString("downgrade"),
                rs.getBoolean("transactional"),
                rs.getString("phase"),
                rs.getString("expand_revision"),
                rs.getBoolean("destructive"),
                List.of());
    }
}
