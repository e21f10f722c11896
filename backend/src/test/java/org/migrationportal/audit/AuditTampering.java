package org.migrationportal.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.migrationportal.support.PostgresTestDatabase;

/**
 * Acts as a database superuser who disables the append-only triggers to tamper with the audit tables,
 * and puts everything back afterwards (the chain is shared by every test in the JVM).
 */
final class AuditTampering {

    private AuditTampering() {}

    /** Runs the statements in one transaction with the three append-only triggers disabled. */
    static void asSuperuser(String... statements) {
        try (Connection connection = PostgresTestDatabase.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
                statement.execute("ALTER TABLE audit_chain_link DISABLE TRIGGER audit_chain_link_append_only");
                statement.execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_append_only");
                for (String sql : statements) {
                    statement.execute(sql);
                }
                statement.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
                statement.execute("ALTER TABLE audit_chain_link ENABLE TRIGGER audit_chain_link_append_only");
                statement.execute("ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_append_only");
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps copies of rows in ordinary tables so a test can restore them exactly. */
    static void save(String copyName, String table, String where) {
        asSuperuser(
                "DROP TABLE IF EXISTS " + copyName,
                "CREATE TABLE " + copyName + " AS SELECT * FROM " + table + " WHERE " + where);
    }

    static String restore(String copyName, String table) {
        return "INSERT INTO " + table + " SELECT * FROM " + copyName;
    }
}
