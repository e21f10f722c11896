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
        jdbc.update(
                "INSERT INTO migration_version (migration_id, project_id, revision, checksum, description, author, downgrade, transactional, "
                        + "phase, destructive, first_seen_at) SELECT id, project_id, revision, checksum, description, author, downgrade, "
                        + "transactional, phase, destructive, first_seen_at FROM migration WHERE id = ?",
                id);
        Long version = jdbc.queryForObject("SELECT id FROM migration_version WHERE migration_id = ?", Long.class, id);
        for (Object[] owner :
                new Object[][] {{"migration", "migration_id", id}, {"migration_version", "version_id", version}}) {
            if (parent != null) {
                jdbc.update(
                        "INSERT INTO " + owner[0] + "_parent (" + owner[1]
                                + ", position, parent_revision) VALUES (?, 0, ?)",
                        owner[2],
                        parent);
            }
            jdbc.update(
                    "INSERT INTO " + owner[0] + "_operation (" + owner[1]
                            + ", position, operation_type, table_name, column_name, \"concurrently\", destructive) "
                            + "VALUES (?, 0, ?, 'orders', 'note', FALSE, ?)",
                    owner[2],
                    destructive ? "drop_column" : "add_column",
                    destructive);
        }
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
        // The run's manifest: every migration the project knows so far (a commit carries its whole history).
        jdbc.update(
                "INSERT INTO ci_run_migration (ci_run_id, migration_id, version_id, position, checksum) "
                        + "SELECT ?, migration_id, id, CAST(ROW_NUMBER() OVER (ORDER BY id) AS INT), checksum FROM migration_version WHERE project_id = ?",
                run,
                project.id());
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
