package org.migrationportal.approvals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the evidence tables the ingest module writes (db/…/0100-evidence.xml, the evidence contract):
 * CI run manifests, migrations with operations and lint findings. Read-only.
 */
@Component
class MigrationEvidence {

    private final JdbcClient jdbc;

    MigrationEvidence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record CiRunFacts(
            long id,
            long projectId,
            String branch,
            String commitSha,
            String commitAuthor,
            String pullRequestAuthor,
            List<RequestedMigration> destructiveMigrations) {

        /** The committer and pull-request author, who stand in for a migration author nobody named. */
        List<String> changeAuthors() {
            return java.util.stream.Stream.of(commitAuthor, pullRequestAuthor)
                    .filter(a -> a != null && !a.isBlank())
                    .distinct()
                    .toList();
        }
    }

    Optional<CiRunFacts> ciRun(long ciRunId) {
        return jdbc.sql(
                        "select id, project_id, branch, commit_sha, commit_author, pull_request_author from ci_run where id = ?")
                .param(ciRunId)
                .query((rs, n) -> new CiRunFacts(
                        rs.getLong("id"),
                        rs.getLong("project_id"),
                        rs.getString("branch"),
                        rs.getString("commit_sha"),
                        rs.getString("commit_author"),
                        rs.getString("pull_request_author"),
                        destructiveInManifest(ciRunId)))
                .optional();
    }

    private List<RequestedMigration> destructiveInManifest(long ciRunId) {
        return jdbc.sql("""
                        select v.revision, v.checksum, v.author from ci_run_migration crm
                        join migration_version v on v.id = crm.version_id
                        where crm.ci_run_id = ? and (v.destructive or exists (select 1 from migration_version_operation o
                              where o.version_id = v.id and o.destructive))
                        order by crm.position""")
                .param(ciRunId)
                .query((rs, n) -> new RequestedMigration(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /**
     * The version of a revision a person means when they name it: the newest one a CI run on the project's
     * default branch carried, else the newest one seen at all.
     */
    Optional<RequestedMigration> current(long projectId, String revision) {
        return jdbc.sql("""
                        select v.revision, v.checksum, v.author from migration_version v
                        where v.project_id = ? and v.revision = ?
                        order by case when exists (select 1 from ci_run_migration crm join ci_run r on r.id = crm.ci_run_id
                                   join project p on p.id = r.project_id where crm.version_id = v.id and r.branch = p.default_branch)
                                 then 0 else 1 end, v.id desc
                        limit 1""")
                .params(projectId, revision)
                .query((rs, n) -> new RequestedMigration(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /** The version of a revision in the manifest of the latest CI run of a commit, if that run carried it. */
    Optional<RequestedMigration> inCommit(long projectId, String commitSha, String revision) {
        return jdbc.sql("""
                        select v.revision, v.checksum, v.author from ci_run r
                        join ci_run_migration crm on crm.ci_run_id = r.id
                        join migration_version v on v.id = crm.version_id
                        where r.project_id = ? and r.commit_sha = ? and v.revision = ?
                        order by r.started_at desc nulls last, r.id desc limit 1""")
                .params(projectId, commitSha.toLowerCase(java.util.Locale.ROOT), revision)
                .query((rs, n) -> new RequestedMigration(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /**
     * The bound versions as an approver sees them: each version's own content and operations, the checksum of
     * the newest version of its revision (to show it changed since) and the findings of the latest CI run that
     * named the revision.
     */
    List<MigrationDetail> describe(long projectId, List<RequestedMigration> bound) {
        if (bound.isEmpty()) {
            return List.of();
        }
        List<String> revisions =
                bound.stream().map(RequestedMigration::revision).toList();
        Map<Long, String> idToRevision = new LinkedHashMap<>();
        Map<String, Object[]> rows = new LinkedHashMap<>();
        java.util.Set<String> wanted = new java.util.HashSet<>();
        bound.forEach(m -> wanted.add(m.revision() + "\u0000" + m.checksum()));
        jdbc.sql("select id, revision, description, author, checksum, downgrade, destructive from migration_version"
                        + " where project_id = :project and revision in (:revisions)")
                .param("project", projectId)
                .param("revisions", revisions)
                .query(rs -> {
                    if (!wanted.contains(rs.getString("revision") + "\u0000" + rs.getString("checksum"))) {
                        return;
                    }
                    idToRevision.put(rs.getLong("id"), rs.getString("revision"));
                    rows.put(rs.getString("revision"), new Object[] {
                        rs.getString("description"),
                        rs.getString("author"),
                        rs.getString("checksum"),
                        rs.getString("downgrade"),
                        rs.getBoolean("destructive")
                    });
                });
        Map<String, String> newest = new LinkedHashMap<>();
        jdbc.sql(
                        "select revision, checksum from migration_version where project_id = :project and revision in (:revisions)"
                                + " order by id")
                .param("project", projectId)
                .param("revisions", revisions)
                .query(rs -> {
                    newest.put(rs.getString(1), rs.getString(2));
                });
        Map<String, List<MigrationDetail.Operation>> operations = new LinkedHashMap<>();
        if (!idToRevision.isEmpty()) {
            jdbc.sql(
                            "select o.version_id, o.operation_type, o.table_name, o.column_name, o.concurrently, o.destructive"
                                    + " from migration_version_operation o where o.version_id in (:ids) order by o.version_id, o.position")
                    .param("ids", idToRevision.keySet())
                    .query(rs -> {
                        operations
                                .computeIfAbsent(idToRevision.get(rs.getLong(1)), k -> new ArrayList<>())
                                .add(new MigrationDetail.Operation(
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getString(4),
                                        rs.getBoolean(5),
                                        rs.getBoolean(6)));
                    });
        }
        // Findings of the latest CI run that named each revision.
        Map<String, List<MigrationDetail.Finding>> findings = new LinkedHashMap<>();
        jdbc.sql("""
                        select f.revision, c.name, f.rule, f.severity, f.message from ci_finding f
                        join ci_check c on c.id = f.ci_check_id
                        join ci_run r on r.id = c.ci_run_id
                        where r.project_id = :project and f.revision in (:revisions)
                          and r.id = (select max(r2.id) from ci_run r2 join ci_check c2 on c2.ci_run_id = r2.id
                                      join ci_finding f2 on f2.ci_check_id = c2.id
                                      where r2.project_id = :project and f2.revision = f.revision)
                        order by f.revision, c.position, f.position""").param("project", projectId).param("revisions", revisions).query(rs -> {
            findings.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new MigrationDetail.Finding(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        });
        List<MigrationDetail> result = new ArrayList<>();
        for (String revision : revisions) {
            Object[] row = rows.get(revision);
            if (row == null) {
                result.add(new MigrationDetail(
                        revision,
                        null,
                        null,
                        null,
                        null,
                        false,
                        List.of(),
                        findings.getOrDefault(revision, List.of())));
                continue;
            }
            List<MigrationDetail.Operation> ops = operations.getOrDefault(revision, List.of());
            result.add(new MigrationDetail(
                    revision,
                    (String) row[0],
                    (String) row[1],
                    newest.getOrDefault(revision, (String) row[2]),
                    (String) row[3],
                    (Boolean) row[4] || ops.stream().anyMatch(MigrationDetail.Operation::destructive),
                    ops,
                    findings.getOrDefault(revision, List.of())));
        }
        return result;
    }
}
