package org.migrationportal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.PostgresTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;

/** The database itself refuses to change or remove audit rows, even for a superuser, unless a table owner disables the trigger. */
@PortalIntegrationTest
class AuditAppendOnlyTests {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditChain chain;

    @ParameterizedTest
    @ValueSource(strings = {"audit_entry", "audit_chain_link", "audit_checkpoint"})
    void updateDeleteAndTruncateAreRejectedByTheDatabase(String table) throws SQLException {
        trail.recordStandalone(AuditRecord.of("test.append-only").bySystem("test"));
        chain.sealNow(Duration.ofSeconds(30));
        String anyColumn = switch (table) {
            case "audit_entry" -> "actor = actor";
            case "audit_chain_link" -> "entry_hash = entry_hash";
            default -> "signature = signature";
        };
        try (Connection connection = PostgresTestDatabase.connect();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE " + table + " SET " + anyColumn))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only")
                    .hasMessageContaining("UPDATE");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM " + table))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only")
                    .hasMessageContaining("DELETE");
            assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE " + table))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only")
                    .hasMessageContaining("TRUNCATE");
            // even a statement that matches no row is refused: the trigger is per statement
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM " + table + " WHERE 1 = 0"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void insertingStillWorks() {
        long id = trail.recordStandalone(AuditRecord.of("test.insert").bySystem("test"));
        assertThat(id).isPositive();
    }

    @Test
    void aRoleThatDoesNotOwnTheTablesCanNeitherChangeRowsNorDisableTheTrigger() throws SQLException {
        String role = "audit_app_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = PostgresTestDatabase.connect();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'app-secret'");
            statement.execute("GRANT SELECT, INSERT ON audit_entry, audit_chain_link, audit_checkpoint TO " + role);
        }
        try (Connection app = DriverManager.getConnection(PostgresTestDatabase.url(), role, "app-secret");
                Statement statement = app.createStatement()) {
            statement.execute(
                    "INSERT INTO audit_entry (occurred_at, actor, actor_type, action) VALUES (now(), 'app', 'system', 'test.role')");
            assertThatThrownBy(
                            () -> statement.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_entry"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        } finally {
            try (Connection admin = PostgresTestDatabase.connect();
                    Statement statement = admin.createStatement()) {
                statement.execute("REVOKE ALL ON audit_entry, audit_chain_link, audit_checkpoint FROM " + role);
                statement.execute("DROP ROLE " + role);
            }
        }
    }
}
