package org.migrationportal.approvals;

import java.util.ArrayList;
import java.util.Collection;
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
            long id, long projectId, String branch, String commitSha, List<RequestedMigration> destructiveMigrations) {}

    Optional<CiRunFacts> ciRun(long ciRunId) {
        return jdbc.sql("select id, project_id, branch, commit_sha from ci_run where id = ?")
                .param(ciRunId)
                .query((rs, n) -> new CiRunFacts(
                        rs.getLong("id"),
                        rs.getLong("project_id"),
                        rs.getString("branch"),
                        rs.getString("commit_sha"),
                        destructiveInManifest(ciRunId)))
                .optional();
    }

    private List<RequestedMigration> destructiveInManifest(long ciRunId) {
        return jdbc.sql("""
                        select m.revision, crm.checksum, m.author from ci_run_migration crm
                        join migration m on m.id = crm.migration_id
                        where crm.ci_run_id = ? and (m.destructive or exists (select 1 from migration_operation o
                              where o.migration_id = m.id and o.destructive))
                        order by crm.position""")
                .param(ciRunId)
                .query((rs, n) -> new RequestedMigration(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** The current catalogue entry of a revision: its checksum now, author and whether it is destructive. */
    Optional<RequestedMigration> current(long projectId, String revision) {
        return jdbc.sql("select revision, checksum, author from migration where project_id = ? and revision = ?")
                .params(projectId, revision)
                .query((rs, n) -> new RequestedMigration(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    List<MigrationDetail> describe(long projectId, Collection<String> revisions) {
        if (revisions.isEmpty()) {
            return List.of();
        }
        Map<Long, String> idToRevision = new LinkedHashMap<>();
        Map<String, Object[]> rows = new LinkedHashMap<>();
        jdbc.sql("select id, revision, description, author, checksum, downgrade, destructive from migration"
                        + " where project_id = :project and revision in (:revisions)")
                .param("project", projectId)
                .param("revisions", revisions)
                .query(rs -> {
                    idToRevision.put(rs.getLong("id"), rs.getString("revision"));
                    rows.put(rs.getString("revision"), new Object[] {
                        rs.getString("description"),
                        rs.getString("author"),
                        rs.getString("checksum"),
                        rs.getString("downgrade"),
                        rs.getBoolean("destructive")
                    });
                });
        Map<String, List<MigrationDetail.Operation>> operations = new LinkedHashMap<>();
        if (!idToRevision.isEmpty()) {
            jdbc.sql(
                            "select o.migration_id, o.operation_type, o.table_name, o.column_name, o.concurrently, o.destructive"
                                    + " from migration_operation o where o.migration_id in (:ids) order by o.migration_id, o.position")
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
                    (String) row[2],
                    (String) row[3],
                    (Boolean) row[4] || ops.stream().anyMatch(MigrationDetail.Operation::destructive),
                    ops,
                    findings.getOrDefault(revision, List.of())));
        }
        return result;
    }
}
