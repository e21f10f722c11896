package org.migrationportal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.shared.SchemaMigration;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.PostgresTestDatabase;

/**
 * The runtime role of the default deployment (docker-compose.yml): after a migration run as the owner, a
 * role that was granted everything on every table (as careless default privileges would) can still only
 * read and append audit rows, and can neither disable nor add a trigger; the portal's other tables stay
 * writable for it.
 */
@PortalIntegrationTest
class RuntimeRolePrivilegeTests {

    static final List<String> AUDIT_TABLES = List.of("audit_entry", "audit_chain_link", "audit_checkpoint");

    String role;

    @BeforeEach
    void aRuntimeRoleGrantedTooMuchThenAMigration() throws Exception {
        role = "portal_app_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection owner = PostgresTestDatabase.connect();
                Statement statement = owner.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'app-secret'");
            statement.execute("GRANT USAGE ON SCHEMA public TO " + role);
            statement.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO " + role);
            SchemaMigration.migrate(owner, role);
        }
    }

    @AfterEach
    void dropTheRole() throws SQLException {
        try (Connection owner = PostgresTestDatabase.connect();
                Statement statement = owner.createStatement()) {
            statement.execute("DROP OWNED BY " + role);
            statement.execute("DROP ROLE " + role);
        }
    }

    @Test
    void theRuntimeRoleCanOnlyReadAndAppendAuditRows() throws SQLException {
        try (Connection app = DriverManager.getConnection(PostgresTestDatabase.url(), role, "app-secret");
                Statement statement = app.createStatement()) {
            statement.execute("INSERT INTO audit_entry (occurred_at, actor, actor_type, action)"
                    + " VALUES (now(), 'app', 'system', 'test.runtime-role')");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM audit_entry")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isPositive();
            }
            for (String table : AUDIT_TABLES) {
                assertThatThrownBy(() -> statement.executeUpdate("UPDATE " + table + " SET "
                                + (table.equals("audit_entry") ? "actor = actor" : "sealed_at = sealed_at")))
                        .as(table)
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM " + table))
                        .as(table)
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE " + table))
                        .as(table)
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> statement.execute("ALTER TABLE " + table + " DISABLE TRIGGER ALL"))
                        .as(table)
                        .hasMessageContaining("must be owner");
                assertThatThrownBy(() -> statement.execute("CREATE TRIGGER sneaky BEFORE INSERT ON " + table
                                + " FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change()"))
                        .as(table)
                        .hasMessageContaining("permission denied");
            }
            // The rest of the portal still works for it.
            assertThat(statement.executeUpdate("UPDATE project SET name = name WHERE id < 0"))
                    .isZero();
            assertThat(statement.executeUpdate("DELETE FROM webhook_delivery WHERE id < 0"))
                    .isZero();
        }
    }
}
