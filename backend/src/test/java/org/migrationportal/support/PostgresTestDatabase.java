package org.migrationportal.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives each test JVM its own PostgreSQL database, created on first use and dropped when the JVM
 * exits, so test runs never see each other's data. The server comes from {@code TEST_DATABASE_URL}
 * (a JDBC URL of any existing database on it, default {@code jdbc:postgresql://127.0.0.1:5432/postgres},
 * user {@code TEST_DATABASE_USER} default {@code postgres}, password {@code TEST_DATABASE_PASSWORD}).
 */
public final class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String SERVER_URL =
            setting("TEST_DATABASE_URL", "test.database.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = setting("TEST_DATABASE_USER", "test.database.user", "postgres");
    private static final String PASSWORD = setting("TEST_DATABASE_PASSWORD", "test.database.password", "");

    private static volatile String databaseUrl;
    private static volatile String databaseName;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                        "spring.datasource.url=" + url(),
                        "spring.datasource.username=" + USER,
                        "spring.datasource.password=" + PASSWORD,
                        "portal.demo-data=false")
                .applyTo(context.getEnvironment());
    }

    /** The JDBC URL of this JVM's database, creating it on first call. */
    public static synchronized String url() {
        if (databaseUrl == null) {
            databaseName = "portal_test_"
                    + UUID.randomUUID()
                            .toString()
                            .replace("-", "")
                            .substring(0, 12)
                            .toLowerCase(Locale.ROOT);
            execute("CREATE DATABASE " + databaseName);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(() -> execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)")));
            databaseUrl = replaceDatabase(SERVER_URL, databaseName);
        }
        return databaseUrl;
    }

    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    /** A fresh connection to this JVM's test database, for tests that must act as a superuser (tampering). */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot run '" + sql + "' on " + SERVER_URL
                            + " — is PostgreSQL running? (see README: Running the tests)",
                    e);
        }
    }

    static String replaceDatabase(String serverUrl, String database) {
        int slash = serverUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = serverUrl.indexOf('?', slash);
        return serverUrl.substring(0, slash + 1) + database + (query < 0 ? "" : serverUrl.substring(query));
    }

    private static String setting(String env, String property, String fallback) {
        String value = System.getenv(env);
        if (value == null || value.isBlank()) {
            value = System.getProperty(property);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
