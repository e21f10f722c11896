package org.migrationportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

/**
 * An existing database upgrades cleanly to migration versions (changelog 0110): a scratch database migrated by
 * the changelog as it was before, holding a revision whose checksum changed once, then migrated by the current
 * master. Every catalogue row becomes a version, the older checksum gets its own version, every manifest entry
 * points at the version of its own checksum, and PostgreSQL refuses to update a version.
 */
class MigrationVersionUpgradeTests {

    @Test
    void existingCatalogueRowsBecomeVersionsAndManifestsPointAtThem() throws Exception {
        try (ScratchDatabase scratch = new ScratchDatabase("portal_upgrade");
                Connection connection = scratch.connect()) {
            migrate(connection, "db/upgrade/before-0110-master.xml");
            execute(connection, """
                    INSERT INTO project (project_key, name, migration_tool, default_branch, created_at, updated_at)
                      VALUES ('legacy', 'Legacy', 'alembic', 'main', now(), now());
                    INSERT INTO migration (project_id, revision, description, author, checksum, downgrade, transactional, phase,
                      destructive, first_seen_at, updated_at)
                      SELECT id, 'a1', 'base', 'tomas', 'sum-a1', 'reversible', true, 'none', false, now(), now() FROM project;
                    INSERT INTO migration (project_id, revision, description, author, checksum, downgrade, transactional, phase,
                      destructive, first_seen_at, updated_at)
                      SELECT id, 'b2', 'drops a column', 'tomas', 'sum-b2-new', 'none', true, 'none', true, now(), now() FROM project;
                    INSERT INTO migration_parent (migration_id, position, parent_revision)
                      SELECT id, 0, 'a1' FROM migration WHERE revision = 'b2';
                    INSERT INTO migration_operation (migration_id, position, operation_type, table_name, column_name, "concurrently", destructive)
                      SELECT id, 0, 'drop_column', 'orders', 'note', false, true FROM migration WHERE revision = 'b2';
                    INSERT INTO ci_run (project_id, provider, external_id, attempt, commit_sha, branch, head_count, body_sha256, received_at)
                      SELECT id, 'github', 'run-1', 1, 'aaaaaaa', 'main', 1, 'x', now() FROM project;
                    INSERT INTO ci_run (project_id, provider, external_id, attempt, commit_sha, branch, head_count, body_sha256, received_at)
                      SELECT id, 'github', 'run-2', 1, 'bbbbbbb', 'main', 1, 'x', now() FROM project;
                    INSERT INTO migration_checksum (migration_id, checksum, first_seen_at, ci_run_id)
                      SELECT m.id, 'sum-b2-old', now(), r.id FROM migration m, ci_run r WHERE m.revision = 'b2' AND r.external_id = 'run-1';
                    INSERT INTO migration_checksum (migration_id, checksum, first_seen_at, ci_run_id)
                      SELECT m.id, 'sum-b2-new', now(), r.id FROM migration m, ci_run r WHERE m.revision = 'b2' AND r.external_id = 'run-2';
                    INSERT INTO ci_run_migration (ci_run_id, migration_id, position, checksum)
                      SELECT r.id, m.id, 0, 'sum-a1' FROM migration m, ci_run r WHERE m.revision = 'a1';
                    INSERT INTO ci_run_migration (ci_run_id, migration_id, position, checksum)
                      SELECT r.id, m.id, 1, 'sum-b2-old' FROM migration m, ci_run r WHERE m.revision = 'b2' AND r.external_id = 'run-1';
                    INSERT INTO ci_run_migration (ci_run_id, migration_id, position, checksum)
                      SELECT r.id, m.id, 1, 'sum-b2-new' FROM migration m, ci_run r WHERE m.revision = 'b2' AND r.external_id = 'run-2';
                    """);

            migrate(connection, "db/changelog/db.changelog-master.xml");

            assertThat(rows(
                            connection,
                            "SELECT revision || '@' || checksum FROM migration_version ORDER BY revision, checksum"))
                    .containsExactly("a1@sum-a1", "b2@sum-b2-new", "b2@sum-b2-old");
            assertThat(rows(
                            connection,
                            "SELECT r.external_id || ':' || v.revision || '@' || v.checksum FROM ci_run_migration crm "
                                    + "JOIN ci_run r ON r.id = crm.ci_run_id JOIN migration_version v ON v.id = crm.version_id "
                                    + "ORDER BY r.external_id, v.revision"))
                    .containsExactly(
                            "run-1:a1@sum-a1", "run-1:b2@sum-b2-old", "run-2:a1@sum-a1", "run-2:b2@sum-b2-new");
            assertThat(rows(
                            connection,
                            "SELECT v.checksum || ':' || p.parent_revision FROM migration_version_parent p "
                                    + "JOIN migration_version v ON v.id = p.version_id ORDER BY v.checksum"))
                    .containsExactly("sum-b2-new:a1", "sum-b2-old:a1");
            assertThat(rows(
                            connection,
                            "SELECT v.checksum || ':' || o.operation_type FROM migration_version_operation o "
                                    + "JOIN migration_version v ON v.id = o.version_id ORDER BY v.checksum"))
                    .containsExactly("sum-b2-new:drop_column", "sum-b2-old:drop_column");
            assertThat(rows(
                            connection,
                            "SELECT CAST(first_ci_run_id IS NOT NULL AS VARCHAR) FROM migration_version "
                                    + "WHERE checksum = 'sum-b2-new'"))
                    .containsExactly("true");
            assertThatThrownBy(() -> execute(connection, "UPDATE migration_version SET destructive = false"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("immutable");
        }
    }

    private static void migrate(Connection connection, String changelog) throws Exception {
        var database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        @SuppressWarnings("deprecation")
        Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(), database);
        liquibase.update("");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }
}
