package org.migrationportal.export;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes evidence rows (0100-evidence.xml) directly, as the ingest API would store them, so change records
 * can be tested on this branch: a CI run with checks and reviews, migrations, backups, deployments.
 */
final class EvidenceFixtures {

    private final JdbcTemplate jdbc;
    private final ProjectView project;

    EvidenceFixtures(JdbcTemplate jdbc, ProjectCatalog catalog, String projectKey) {
        this.jdbc = jdbc;
        this.project = catalog.get(projectKey);
    }

    long environmentId(String key) {
        return project.environment(key).orElseThrow().id();
    }

    void migration(String revision, String parent, String author, boolean destructive) {
        Instant now = Instant.now();
        jdbc.update(
                "INSERT INTO migration (project_id, revision, description, author, checksum, downgrade, transactional, phase, destructive, "
                        + "first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, 'reversible', TRUE, 'none', ?, ?, ?)",
                project.id(),
                revision,
                "Change " + revision + ", with \"quotes\"",
                author,
                "sha256:" + revision,
                destructive,
                utc(now),
                utc(now));
        Long id = jdbc.queryForObject(
                "SELECT id FROM migration WHERE project_id = ? AND revision = ?", Long.class, project.id(), revision);
        if (parent != null) {
            jdbc.update(
                    "INSERT INTO migration_parent (migration_id, position, parent_revision) VALUES (?, 0, ?)",
                    id,
                    parent);
        }
        jdbc.update(
                "INSERT INTO migration_operation (migration_id, position, operation_type, table_name, column_name, \"concurrently\", destructive) "
                        + "VALUES (?, 0, ?, 'orders', 'note', FALSE, ?)",
                id,
                destructive ? "drop_column" : "add_column",
                destructive);
    }

    long ciRun(String commit, String reviewer, String... failedChecks) {
        Instant now = Instant.now();
        jdbc.update(
                "INSERT INTO ci_run (project_id, provider, external_id, attempt, url, commit_sha, branch, head_count, body_sha256, received_at, "
                        + "finished_at) VALUES (?, 'github', ?, 1, ?, ?, 'main', 1, ?, ?, ?)",
                project.id(),
                "run-" + commit,
                "https://ci.example.org/" + commit,
                commit,
                "0".repeat(64),
                utc(now),
                utc(now));
        Long run = jdbc.queryForObject(
                "SELECT id FROM ci_run WHERE project_id = ? AND external_id = ?",
                Long.class,
                project.id(),
                "run-" + commit);
        int position = 0;
        for (String check : new String[] {"lint", "heads", "smoke", "drift"}) {
            String status = java.util.Arrays.asList(failedChecks).contains(check) ? "failed" : "passed";
            jdbc.update(
                    "INSERT INTO ci_check (ci_run_id, position, name, status) VALUES (?, ?, ?, ?)",
                    run,
                    position++,
                    check,
                    status);
        }
        if (reviewer != null) {
            jdbc.update(
                    "INSERT INTO ci_review (ci_run_id, position, reviewer, state, reviewed_at) VALUES (?, 0, ?, 'approved', ?)",
                    run,
                    reviewer,
                    utc(now));
        }
        return run;
    }

    void backup(String environment, String ref, Instant takenAt, boolean verified) {
        jdbc.update(
                "INSERT INTO backup (project_id, environment_id, backup_ref, taken_at, verified_at, method, location, body_sha256, received_at) "
                        + "VALUES (?, ?, ?, ?, ?, 'pg_dump', 's3://backups/x', ?, ?)",
                project.id(),
                environmentId(environment),
                ref,
                utc(takenAt),
                verified ? utc(takenAt.plusSeconds(600)) : null,
                "0".repeat(64),
                utc(takenAt));
    }

    long deployment(
            String environment,
            String commit,
            String from,
            String to,
            String status,
            Instant startedAt,
            String actorType,
            String actorName,
            String backupRef) {
        String external = "deploy-" + environment + "-" + to + "-" + startedAt.toEpochMilli();
        jdbc.update(
                "INSERT INTO deployment (project_id, environment_id, provider, external_id, attempt, url, commit_sha, from_revision, "
                        + "to_revision, status, started_at, finished_at, actor_type, actor_name, max_lock_ms, backup_ref, received_at, updated_at) "
                        + "VALUES (?, ?, 'github', ?, 1, 'https://ci.example.org/deploy', ?, ?, ?, ?, ?, ?, ?, ?, 120, ?, ?, ?)",
                project.id(),
                environmentId(environment),
                external,
                commit,
                from,
                to,
                status,
                utc(startedAt),
                utc(startedAt.plusSeconds(60)),
                actorType,
                actorName,
                backupRef,
                utc(startedAt),
                utc(startedAt));
        return jdbc.queryForObject(
                "SELECT id FROM deployment WHERE project_id = ? AND external_id = ?",
                Long.class,
                project.id(),
                external);
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
