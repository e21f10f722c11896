package org.migrationportal.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The read façade of the ingest module: lists and details of the stored evidence, as view records. */
@Service
@Transactional(readOnly = true)
public class EvidenceQueries {

    private static final String CI_OUTCOME = """
            CASE WHEN EXISTS (SELECT 1 FROM ci_check c WHERE c.ci_run_id = r.id AND c.status = 'failed') THEN 'failed'
                 WHEN EXISTS (SELECT 1 FROM ci_check c WHERE c.ci_run_id = r.id AND c.status = 'skipped') THEN 'skipped'
                 WHEN EXISTS (SELECT 1 FROM ci_check c WHERE c.ci_run_id = r.id) THEN 'passed' ELSE 'none' END""";

    private final JdbcClient jdbc;

    EvidenceQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---------------------------------------------------------------- CI runs

    public EvidencePage<CiRunSummary> ciRuns(EvidenceFilter filter) {
        Where where = new Where()
                .project("p.project_key", filter.projectKey())
                .range("COALESCE(r.started_at, r.received_at)", filter.from(), filter.to());
        if (filter.status() != null) {
            where.add("(" + CI_OUTCOME + ") = ?", filter.status());
        }
        if (filter.environmentKey() != null) {
            // A CI run belongs to no environment: the runs of the commits deployed to it.
            where.add(
                    "r.commit_sha IN (SELECT d.commit_sha FROM deployment d JOIN environment e ON e.id = d.environment_id "
                            + "WHERE d.project_id = r.project_id AND e.environment_key = ?)",
                    filter.environmentKey());
        }
        String from = " FROM ci_run r JOIN project p ON p.id = r.project_id" + where.sql();
        return page(
                filter,
                "SELECT r.*, p.project_key, " + CI_OUTCOME + " AS outcome" + from
                        + " ORDER BY COALESCE(r.started_at, r.received_at) DESC, r.id DESC",
                "SELECT COUNT(*)" + from,
                where,
                CI_RUN);
    }

    public Optional<CiRunDetail> ciRun(long id) {
        Optional<CiRunSummary> run = jdbc.sql("SELECT r.*, p.project_key, " + CI_OUTCOME
                        + " AS outcome FROM ci_run r JOIN project p ON p.id = r.project_id WHERE r.id = ?")
                .param(id)
                .query(CI_RUN)
                .optional();
        if (run.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, List<CiRunDetail.Finding>> findings = new HashMap<>();
        jdbc.sql("""
                        SELECT f.* FROM ci_finding f JOIN ci_check c ON c.id = f.ci_check_id
                        WHERE c.ci_run_id = ? ORDER BY f.ci_check_id, f.position""").param(id).query(rs -> {
            findings.computeIfAbsent(rs.getLong("ci_check_id"), k -> new ArrayList<>())
                    .add(new CiRunDetail.Finding(
                            rs.getString("rule"),
                            rs.getString("severity"),
                            rs.getString("revision"),
                            rs.getString("message")));
        });
        List<CiRunDetail.Check> checks = jdbc.sql("SELECT * FROM ci_check WHERE ci_run_id = ? ORDER BY position")
                .param(id)
                .query((rs, n) -> new CiRunDetail.Check(
                        rs.getString("name"),
                        rs.getString("status"),
                        rs.getString("details"),
                        findings.getOrDefault(rs.getLong("id"), List.of())))
                .list();
        List<CiRunDetail.Review> reviews = jdbc.sql("SELECT * FROM ci_review WHERE ci_run_id = ? ORDER BY position")
                .param(id)
                .query((rs, n) -> new CiRunDetail.Review(
                        rs.getString("reviewer"), rs.getString("state"), instant(rs, "reviewed_at")))
                .list();
        List<CiRunDetail.ManifestEntry> manifest = jdbc.sql("""
                        SELECT v.migration_id, v.revision, v.checksum, v.description, v.author, v.downgrade, v.phase, v.destructive,
                          v.id = (SELECT MAX(l.id) FROM migration_version l WHERE l.migration_id = v.migration_id) AS latest
                        FROM ci_run_migration x JOIN migration_version v ON v.id = x.version_id WHERE x.ci_run_id = ? ORDER BY x.position""")
                .param(id)
                .query((rs, n) -> new CiRunDetail.ManifestEntry(
                        rs.getLong("migration_id"),
                        rs.getString("revision"),
                        rs.getString("checksum"),
                        rs.getBoolean("latest"),
                        rs.getString("description"),
                        rs.getString("author"),
                        rs.getString("downgrade"),
                        rs.getString("phase"),
                        rs.getBoolean("destructive")))
                .list();
        return Optional.of(new CiRunDetail(run.get(), checks, reviews, manifest));
    }

    // ---------------------------------------------------------------- deployments

    public EvidencePage<DeploymentView> deployments(EvidenceFilter filter) {
        Where where = new Where()
                .project("p.project_key", filter.projectKey())
                .range("d.started_at", filter.from(), filter.to());
        where.within("e.environment_key", filter.readableEnvironments())
                .add("e.environment_key = ?", filter.environmentKey())
                .add("d.status = ?", filter.status());
        String from =
                " FROM deployment d JOIN project p ON p.id = d.project_id JOIN environment e ON e.id = d.environment_id"
                        + where.sql();
        return page(
                filter,
                "SELECT d.*, p.project_key, e.environment_key AS env_key" + from
                        + " ORDER BY d.started_at DESC, d.id DESC",
                "SELECT COUNT(*)" + from,
                where,
                DEPLOYMENT);
    }

    public Optional<DeploymentView> deployment(long id) {
        return jdbc.sql("""
                        SELECT d.*, p.project_key, e.environment_key AS env_key FROM deployment d JOIN project p ON p.id = d.project_id
                        JOIN environment e ON e.id = d.environment_id WHERE d.id = ?""")
                .param(id)
                .query(DEPLOYMENT)
                .optional()
                .map(d -> withEvents(
                        d,
                        jdbc.sql("SELECT * FROM deployment_event WHERE deployment_id = ? ORDER BY received_at, id")
                                .param(id)
                                .query((rs, n) -> new DeploymentView.StatusEvent(
                                        rs.getString("status"),
                                        instant(rs, "received_at"),
                                        nullableLong(rs, "token_id")))
                                .list()));
    }

    // ---------------------------------------------------------------- backups and drift reports

    public EvidencePage<BackupView> backups(EvidenceFilter filter) {
        Where where = new Where()
                .project("p.project_key", filter.projectKey())
                .range("b.taken_at", filter.from(), filter.to());
        where.within("e.environment_key", filter.readableEnvironments())
                .add("e.environment_key = ?", filter.environmentKey());
        if ("verified".equals(filter.status())) {
            where.add("b.verified_at IS NOT NULL");
        } else if ("unverified".equals(filter.status())) {
            where.add("b.verified_at IS NULL");
        } else if (filter.status() != null) {
            where.add("1 = 0");
        }
        String from =
                " FROM backup b JOIN project p ON p.id = b.project_id JOIN environment e ON e.id = b.environment_id"
                        + where.sql();
        return page(
                filter,
                "SELECT b.*, p.project_key, e.environment_key AS env_key" + from
                        + " ORDER BY b.taken_at DESC, b.id DESC",
                "SELECT COUNT(*)" + from,
                where,
                BACKUP);
    }

    public Optional<BackupView> backup(long id) {
        return jdbc.sql("""
                        SELECT b.*, p.project_key, e.environment_key AS env_key FROM backup b JOIN project p ON p.id = b.project_id
                        JOIN environment e ON e.id = b.environment_id WHERE b.id = ?""").param(id).query(BACKUP).optional();
    }

    public EvidencePage<DriftReportView> driftReports(EvidenceFilter filter) {
        Where where = new Where()
                .project("p.project_key", filter.projectKey())
                .range("r.checked_at", filter.from(), filter.to());
        where.within("e.environment_key", filter.readableEnvironments())
                .add("e.environment_key = ?", filter.environmentKey());
        if ("drifted".equals(filter.status())) {
            where.add("r.drifted = TRUE");
        } else if ("clean".equals(filter.status())) {
            where.add("r.drifted = FALSE");
        } else if (filter.status() != null) {
            where.add("1 = 0");
        }
        String from =
                " FROM drift_report r JOIN project p ON p.id = r.project_id JOIN environment e ON e.id = r.environment_id"
                        + where.sql();
        return page(
                filter,
                "SELECT r.*, p.project_key, e.environment_key AS env_key" + from
                        + " ORDER BY r.checked_at DESC, r.id DESC",
                "SELECT COUNT(*)" + from,
                where,
                DRIFT);
    }

    public Optional<DriftReportView> driftReport(long id) {
        return jdbc.sql("""
                        SELECT r.*, p.project_key, e.environment_key AS env_key FROM drift_report r JOIN project p ON p.id = r.project_id
                        JOIN environment e ON e.id = r.environment_id WHERE r.id = ?""").param(id).query(DRIFT).optional();
    }

    /** The latest drift report of an environment, if any. */
    public Optional<DriftReportView> latestDriftReport(String projectKey, String environmentKey) {
        return driftReports(EvidenceFilter.project(projectKey)
                        .environment(environmentKey)
                        .page(0, 1))
                .items()
                .stream()
                .findFirst();
    }

    // ---------------------------------------------------------------- migration catalogue

    /**
     * The project's catalogue in revision-graph order: every revision after its parents (ties: first seen first),
     * each shown with its latest version and every version's checksum (oldest first). What a deployment or the gate
     * judges is never this view but the version in the deployed commit's manifest.
     */
    public List<MigrationView> migrations(String projectKey) {
        String latest = " JOIN project p ON p.id = v.project_id WHERE p.project_key = ? "
                + "AND v.id = (SELECT MAX(l.id) FROM migration_version l WHERE l.migration_id = v.migration_id)";
        Map<Long, List<String>> parents = new HashMap<>();
        jdbc.sql("SELECT v.migration_id, mp.parent_revision FROM migration_version_parent mp "
                        + "JOIN migration_version v ON v.id = mp.version_id" + latest
                        + " ORDER BY v.migration_id, mp.position")
                .param(projectKey)
                .query(rs -> {
                    parents.computeIfAbsent(rs.getLong("migration_id"), k -> new ArrayList<>())
                            .add(rs.getString("parent_revision"));
                });
        Map<Long, List<MigrationView.Operation>> operations = new HashMap<>();
        jdbc.sql("SELECT v.migration_id, o.* FROM migration_version_operation o "
                        + "JOIN migration_version v ON v.id = o.version_id" + latest
                        + " ORDER BY v.migration_id, o.position")
                .param(projectKey)
                .query(rs -> {
                    operations
                            .computeIfAbsent(rs.getLong("migration_id"), k -> new ArrayList<>())
                            .add(new MigrationView.Operation(
                                    rs.getString("operation_type"),
                                    rs.getString("table_name"),
                                    rs.getString("column_name"),
                                    rs.getBoolean("concurrently"),
                                    rs.getBoolean("destructive")));
                });
        Map<Long, List<MigrationView.ChecksumSeen>> checksums = new HashMap<>();
        jdbc.sql("""
                        SELECT v.migration_id, v.checksum, v.first_seen_at, v.first_ci_run_id FROM migration_version v
                        JOIN project p ON p.id = v.project_id WHERE p.project_key = ? ORDER BY v.migration_id, v.id""").param(projectKey).query(rs -> {
            checksums
                    .computeIfAbsent(rs.getLong("migration_id"), k -> new ArrayList<>())
                    .add(new MigrationView.ChecksumSeen(
                            rs.getString("checksum"),
                            instant(rs, "first_seen_at"),
                            nullableLong(rs, "first_ci_run_id")));
        });
        List<MigrationView> all = jdbc.sql(
                        "SELECT v.*, m.first_seen_at AS revision_first_seen_at, p.project_key FROM migration m "
                                + "JOIN migration_version v ON v.migration_id = m.id" + latest
                                + " ORDER BY m.first_seen_at, m.id")
                .param(projectKey)
                .query((rs, n) -> {
                    long id = rs.getLong("migration_id");
                    return new MigrationView(
                            id,
                            rs.getString("project_key"),
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
                            instant(rs, "revision_first_seen_at"),
                            instant(rs, "first_seen_at"),
                            operations.getOrDefault(id, List.of()),
                            checksums.getOrDefault(id, List.of()));
                })
                .list();
        return graphOrder(all);
    }

    /** Kahn's algorithm over the parent links inside the catalogue; revisions in a cycle (bad data) go last. */
    static List<MigrationView> graphOrder(List<MigrationView> migrations) {
        Map<String, MigrationView> byRevision = new LinkedHashMap<>();
        migrations.forEach(m -> byRevision.put(m.revision(), m));
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        for (MigrationView m : migrations) {
            int known = 0;
            for (String parent : m.parents()) {
                if (byRevision.containsKey(parent)) {
                    known++;
                    children.computeIfAbsent(parent, k -> new ArrayList<>()).add(m.revision());
                }
            }
            waiting.put(m.revision(), known);
        }
        Deque<String> ready = new ArrayDeque<>();
        migrations.stream().filter(m -> waiting.get(m.revision()) == 0).forEach(m -> ready.add(m.revision()));
        List<MigrationView> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (!ready.isEmpty()) {
            String revision = ready.poll();
            ordered.add(byRevision.get(revision));
            placed.add(revision);
            List<String> next = new ArrayList<>(children.getOrDefault(revision, List.of()));
            next.sort(Comparator.comparing(r -> byRevision.get(r).firstSeenAt()));
            for (String child : next) {
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        migrations.stream().filter(m -> !placed.contains(m.revision())).forEach(ordered::add);
        return ordered;
    }

    // ---------------------------------------------------------------- plumbing

    private <T> EvidencePage<T> page(
            EvidenceFilter filter, String select, String count, Where where, RowMapper<T> mapper) {
        int size = Math.max(1, Math.min(filter.size(), 500));
        int page = Math.max(0, filter.page());
        long total = jdbc.sql(count).params(where.params).query(Long.class).single();
        List<Object> params = new ArrayList<>(where.params);
        params.add(size);
        params.add((long) page * size);
        List<T> items = jdbc.sql(select + " LIMIT ? OFFSET ?")
                .params(params)
                .query(mapper)
                .list();
        return new EvidencePage<>(items, page, size, total);
    }

    private static DeploymentView withEvents(DeploymentView d, List<DeploymentView.StatusEvent> events) {
        return new DeploymentView(
                d.id(),
                d.projectKey(),
                d.environmentKey(),
                d.provider(),
                d.externalId(),
                d.attempt(),
                d.url(),
                d.commitSha(),
                d.fromRevision(),
                d.toRevision(),
                d.status(),
                d.startedAt(),
                d.finishedAt(),
                d.actorType(),
                d.actorName(),
                d.tokenId(),
                d.tokenRestricted(),
                d.maxLockMs(),
                d.backupId(),
                d.gateDecisionId(),
                d.receivedAt(),
                d.updatedAt(),
                events);
    }

    private static final RowMapper<CiRunSummary> CI_RUN = (rs, n) -> new CiRunSummary(
            rs.getLong("id"),
            rs.getString("project_key"),
            rs.getString("provider"),
            rs.getString("external_id"),
            rs.getInt("attempt"),
            rs.getString("url"),
            rs.getString("commit_sha"),
            rs.getString("branch"),
            nullableInt(rs, "pull_request"),
            instant(rs, "started_at"),
            instant(rs, "finished_at"),
            rs.getInt("head_count"),
            instant(rs, "received_at"),
            nullableLong(rs, "token_id"),
            rs.getString("outcome"));

    private static final RowMapper<DeploymentView> DEPLOYMENT = (rs, n) -> new DeploymentView(
            rs.getLong("id"),
            rs.getString("project_key"),
            rs.getString("env_key"),
            rs.getString("provider"),
            rs.getString("external_id"),
            rs.getInt("attempt"),
            rs.getString("url"),
            rs.getString("commit_sha"),
            rs.getString("from_revision"),
            rs.getString("to_revision"),
            rs.getString("status"),
            instant(rs, "started_at"),
            instant(rs, "finished_at"),
            rs.getString("actor_type"),
            rs.getString("actor_name"),
            nullableLong(rs, "token_id"),
            rs.getBoolean("token_restricted"),
            nullableLong(rs, "max_lock_ms"),
            rs.getString("backup_ref"),
            nullableLong(rs, "gate_decision_id"),
            instant(rs, "received_at"),
            instant(rs, "updated_at"),
            List.of());

    private static final RowMapper<BackupView> BACKUP = (rs, n) -> new BackupView(
            rs.getLong("id"),
            rs.getString("project_key"),
            rs.getString("env_key"),
            rs.getString("backup_ref"),
            instant(rs, "taken_at"),
            nullableLong(rs, "size_bytes"),
            rs.getString("location"),
            rs.getString("method"),
            instant(rs, "verified_at"),
            instant(rs, "received_at"));

    private static final RowMapper<DriftReportView> DRIFT = (rs, n) -> new DriftReportView(
            rs.getLong("id"),
            rs.getString("project_key"),
            rs.getString("env_key"),
            instant(rs, "checked_at"),
            rs.getBoolean("drifted"),
            rs.getString("diff"),
            instant(rs, "received_at"));

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /** A WHERE clause with positional parameters; null values add no condition. */
    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        Where add(String condition, Object value) {
            if (value != null) {
                conditions.add(condition);
                params.add(value);
            }
            return this;
        }

        Where add(String condition) {
            conditions.add(condition);
            return this;
        }

        /** {@code column} is one of {@code keys}; no condition when {@code keys} is null (everything readable). */
        Where within(String column, java.util.Set<String> keys) {
            if (keys == null) {
                return this;
            }
            if (keys.isEmpty()) {
                return add("1 = 0");
            }
            conditions.add(column + " IN (" + String.join(", ", java.util.Collections.nCopies(keys.size(), "?")) + ")");
            params.addAll(keys.stream().sorted().toList());
            return this;
        }

        Where project(String column, String key) {
            return add(column + " = ?", key);
        }

        Where range(String column, Instant from, Instant to) {
            add(column + " >= ?", EvidenceLedger.ts(from));
            return add(column + " < ?", EvidenceLedger.ts(to));
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }
}
