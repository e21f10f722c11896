package org.migrationportal.cli.scan;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A PostgreSQL database of its own for one test, dropped on close. The server is {@code TEST_DATABASE_URL}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}), user {@code TEST_DATABASE_USER} (postgres).
 */
public final class ScratchDatabase implements AutoCloseable {

    private static final String SERVER_URL = setting("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = setting("TEST_DATABASE_USER", "postgres");
    private static final String PASSWORD = setting("TEST_DATABASE_PASSWORD", "");

    private final String name;

    public ScratchDatabase() {
        name = "cli_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
    }

    public String url() {
        int query = SERVER_URL.indexOf('?');
        String base = query < 0 ? SERVER_URL : SERVER_URL.substring(0, query);
        String parameters = query < 0 ? "" : SERVER_URL.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + parameters;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot run '" + sql + "' on " + SERVER_URL + ": is PostgreSQL running?", e);
        }
    }

    private static String setting(String env, String fallback) {
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }
}
