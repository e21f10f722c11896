package org.migrationportal.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.migrationportal.support.PostgresTestDatabase;

/** A second, throw-away PostgreSQL database on the test server, for an app instance a test may break or kill. */
final class ScratchDatabase implements AutoCloseable {

    final String name;
    final String url;

    ScratchDatabase(String prefix) throws SQLException {
        name = prefix + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        String base = PostgresTestDatabase.url();
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        int query = base.indexOf('?', slash);
        url = base.substring(0, slash + 1) + name + (query < 0 ? "" : base.substring(query));
    }

    /** Makes the database unreachable: no new connections, existing ones terminated. */
    void block() throws SQLException {
        execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    void unblock() throws SQLException {
        execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    Connection connect() throws SQLException {
        return java.sql.DriverManager.getConnection(url, PostgresTestDatabase.user(), PostgresTestDatabase.password());
    }

    static void execute(String sql) throws SQLException {
        try (Connection connection = PostgresTestDatabase.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
