package org.migrationportal.compliance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.migrationportal.projects.ProjectView;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes evidence straight into the evidence tables (the schema is the contract between ingest and
 * compliance), so compliance tests control every timestamp and can post things out of order.
 */
final class EvidenceFixture {

    static final Map<String, String> ALL_PASSED =
            Map.of("lint", "passed", "heads", "passed", "smoke", "passed", "drift", "passed");

    private final JdbcClient jdbc;
    final ProjectView project;
    private int sequence;

    EvidenceFixture(JdbcClient jdbc, ProjectView project) {
        this.jdbc = jdbc;
        this.project = project;
    }

    long env(String key) {
        return project.environment(key).orElseThrow().id();
    }

    /** A migration by tomas: reversible, transactional, phase none unless changed by the arguments. */
    long migration(String revision, String parent, String downgrade, boolean destructive, String phase, String expand) {
        long id = jdbc.sql(
                        "insert into migration (project_id, revision, description, author, checksum, downgrade, transactional, phase, "
                                + "expand_revision, destructive, first_seen_at, updated_at) values (?, ?, ?, 'tomas', ?, ?, true, ?, ?, ?, ?, ?) returning id")
                .params(
                        project.id(),
                        revision,
                        "change " + revision,
                        "sha256:" + revision,
                        downgrade,
                        phase,
                        expand,
                        destructive,
                        ts(Instant.parse("2026-01-01T00:00:00Z")),
                        ts(Instant.parse("2026-01-01T00:00:00Z")))
                .query(Long.class)
                .single();
        long version = jdbc.sql(
                        "insert into migration_version (migration_id, project_id, revision, checksum, description, author, downgrade, "
                                + "transactional, phase, expand_revision, destructive, first_seen_at) "
                                + "select id, project_id, revision, checksum, description, author, downgrade, transactional, phase, "
                                + "expand_revision, destructive, first_seen_at from migration where id = ? returning id")
                .param(id)
                .query(Long.class)
                .single();
        for (String[] shape :
                new String[][] {{"migration", String.valueOf(id)}, {"migration_version", String.valueOf(version)}}) {
            String owner = shape[0].equals("migration") ? "migration_id" : "version_id";
            long ownerId = Long.parseLong(shape[1]);
            if (parent != null) {
                jdbc.sql("insert into " + shape[0] + "_parent (" + owner
                                + ", position, parent_revision) values (?, 0, ?)")
                        .params(ownerId, parent)
                        .update();
            }
            jdbc.sql("insert into " + shape[0] + "_operation (" + owner
                            + ", position, operation_type, table_name, column_name, \"concurrently\", destructive) "
                            + "values (?, 0, ?, 'lessons', ?, false, ?)")
                    .params(
                            ownerId,
                            destructive ? "drop_column" : "add_column",
                            destructive ? "legacy_path" : "c_" + revision,
                            destructive)
                    .update();
        }
        return id;
    }

    long migration(String revision, String parent) {
        return migration(revision, parent, "reversible", false, "none", null);
    }

    /** A CI run of {@code commit} with these checks, an approving review by mira and a manifest of {@code revisions}. */
    long ciRun(
            String commit,
            String branch,
            int heads,
            Map<String, String> checks,
            Instant receivedAt,
            String... revisions) {
        int n = ++sequence;
        long id = jdbc.sql(
                        "insert into ci_run (project_id, provider, external_id, attempt, url, commit_sha, branch, started_at, finished_at, "
                                + "head_count, body_sha256, received_at) values (?, 'github-actions', ?, 1, ?, ?, ?, ?, ?, ?, 'x', ?) returning id")
                .params(
                        project.id(),
                        "run-" + n + "-" + System.nanoTime(),
                        "https://ci.example.org/" + n,
                        commit,
                        branch,
                        ts(receivedAt.minusSeconds(600)),
                        ts(receivedAt.minusSeconds(60)),
                        heads,
                        ts(receivedAt))
                .query(Long.class)
                .single();
        int position = 0;
        for (Map.Entry<String, String> check : checks.entrySet()) {
            jdbc.sql("insert into ci_check (ci_run_id, position, name, status) values (?, ?, ?, ?)")
                    .params(id, position++, check.getKey(), check.getValue())
                    .update();
        }
        jdbc.sql(
                        "insert into ci_review (ci_run_id, position, reviewer, state, reviewed_at) values (?, 0, 'mira', 'approved', ?)")
                .params(id, ts(receivedAt))
                .update();
        position = 0;
        for (String revision : revisions) {
            Map<String, Object> version = jdbc.sql(
                            "select id, migration_id, checksum from migration_version where project_id = ? and revision = ? "
                                    + "order by id desc limit 1")
                    .params(project.id(), revision)
                    .query()
                    .singleRow();
            jdbc.sql(
                            "insert into ci_run_migration (ci_run_id, migration_id, version_id, position, checksum) values (?, ?, ?, ?, ?)")
                    .params(id, version.get("migration_id"), version.get("id"), position++, version.get("checksum"))
                    .update();
        }
        return id;
    }

    long deployment(
            String environment,
            String from,
            String to,
            String commit,
            String status,
            Instant startedAt,
            String actor,
            boolean restricted,
            Long lockMs) {
        int n = ++sequence;
        return jdbc.sql(
                        "insert into deployment (project_id, environment_id, provider, external_id, attempt, commit_sha, from_revision, "
                                + "to_revision, status, started_at, finished_at, actor_type, actor_name, token_id, token_restricted, max_lock_ms, "
                                + "received_at, updated_at) values (?, ?, 'github-actions', ?, 1, ?, ?, ?, ?, ?, ?, ?, 'deploy.yml', 1, ?, ?, ?, ?) returning id")
                .params(
                        project.id(),
                        env(environment),
                        "deploy-" + n + "-" + System.nanoTime(),
                        commit,
                        from,
                        to,
                        status,
                        ts(startedAt),
                        ts(startedAt.plusSeconds(30)),
                        actor,
                        restricted,
                        lockMs,
                        ts(startedAt.plusSeconds(31)),
                        ts(startedAt.plusSeconds(31)))
                .query(Long.class)
                .single();
    }

    long deploy(String environment, String from, String to, String commit, Instant startedAt) {
        return deployment(environment, from, to, commit, "succeeded", startedAt, "pipeline", true, 200L);
    }

    /** A deployment that asked the gate first: it cites an allow for its environment, revision and commit. */
    long gatedDeploy(String environment, String from, String to, String commit, Instant startedAt) {
        long decision = jdbc.sql(
                        "insert into gate_decision (project_id, environment_id, to_revision, commit_sha, decision, mode, "
                                + "reasons, policy_version, actor, decided_at) values (?, ?, ?, ?, 'allow', 'enforce', '[]', 0, "
                                + "'pipeline', ?) returning id")
                .params(project.id(), env(environment), to, commit, ts(startedAt.minusSeconds(60)))
                .query(Long.class)
                .single();
        long deployment = deploy(environment, from, to, commit, startedAt);
        jdbc.sql("update deployment set gate_decision_id = ? where id = ?")
                .params(decision, deployment)
                .update();
        return deployment;
    }

    long backup(String environment, Instant takenAt, Instant verifiedAt) {
        int n = ++sequence;
        return jdbc.sql(
                        "insert into backup (project_id, environment_id, backup_ref, taken_at, location, method, verified_at, body_sha256, received_at) "
                                + "values (?, ?, ?, ?, 's3://backups/x', 'pg_dump', ?, 'x', ?) returning id")
                .params(
                        project.id(),
                        env(environment),
                        "backup-" + n,
                        ts(takenAt),
                        verifiedAt == null ? null : ts(verifiedAt),
                        ts(takenAt))
                .query(Long.class)
                .single();
    }

    long drift(String environment, Instant checkedAt, boolean drifted, String diff) {
        return jdbc.sql(
                        "insert into drift_report (project_id, environment_id, checked_at, drifted, diff, body_sha256, received_at) "
                                + "values (?, ?, ?, ?, ?, 'x', ?) returning id")
                .params(project.id(), env(environment), ts(checkedAt), drifted, diff, ts(checkedAt))
                .query(Long.class)
                .single();
    }

    /**
     * A compliant history: m1 ← m2 ← m3 validated in CI, deployed dev → staging → prod by restricted pipelines,
     * clean drift reports everywhere, relative to {@code now}.
     */
    void compliantHistory(Instant now) {
        migration("m1", null);
        migration("m2", "m1");
        migration("m3", "m2");
        ciRun("c1", "main", 1, ALL_PASSED, now.minusSeconds(86_400 * 3), "m1", "m2");
        ciRun("c3", "main", 1, ALL_PASSED, now.minusSeconds(86_400 * 2), "m1", "m2", "m3");
        for (String environment : List.of("dev", "staging", "prod")) {
            int offset = environment.equals("dev") ? 0 : environment.equals("staging") ? 3600 : 7200;
            // Production deployments ask the gate first (gate-enforcement); the others need not.
            boolean production = environment.equals("prod");
            if (production) {
                gatedDeploy(environment, null, "m2", "c1", now.minusSeconds(86_400 * 2 - offset));
                gatedDeploy(environment, "m2", "m3", "c3", now.minusSeconds(86_400 - offset));
            } else {
                deploy(environment, null, "m2", "c1", now.minusSeconds(86_400 * 2 - offset));
                deploy(environment, "m2", "m3", "c3", now.minusSeconds(86_400 - offset));
            }
            drift(environment, now.minusSeconds(3600), false, null);
        }
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
