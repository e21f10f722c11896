package org.migrationportal.shared;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringResourceAccessor;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * {@code java -jar migration-compliance-portal.jar migrate}: applies the schema changelog and exits, without
 * starting the portal. Run it as the role that owns the tables (the compose file's one-shot {@code migrate}
 * service), so the application itself can connect as a runtime role that owns nothing and has Liquibase
 * turned off: a role that owns the audit tables could disable their append-only triggers.
 * Reads {@code PORTAL_DB_URL}, {@code PORTAL_DB_USERNAME}, {@code PORTAL_DB_PASSWORD} and
 * {@code PORTAL_DB_RUNTIME_ROLE} (default {@code portal_app}).
 */
public final class SchemaMigration {

    /** As Spring Boot names it (spring.liquibase.change-log), so both record the same changeset identities. */
    public static final String CHANGELOG = "classpath:db/changelog/db.changelog-master.xml";

    public static final String DEFAULT_RUNTIME_ROLE = "portal_app";

    private SchemaMigration() {}

    public static int run(Map<String, String> environment, PrintStream out) {
        String url = environment.get("PORTAL_DB_URL");
        if (url == null || url.isBlank()) {
            out.println("migrate: set PORTAL_DB_URL (and PORTAL_DB_USERNAME, PORTAL_DB_PASSWORD of the schema owner)");
            return 2;
        }
        String runtimeRole = environment.getOrDefault("PORTAL_DB_RUNTIME_ROLE", DEFAULT_RUNTIME_ROLE);
        try (Connection connection = DriverManager.getConnection(
                url, environment.get("PORTAL_DB_USERNAME"), environment.get("PORTAL_DB_PASSWORD"))) {
            migrate(connection, runtimeRole);
            out.println("migrate: the schema is up to date; runtime role " + runtimeRole
                    + " may only read and append audit rows");
            return 0;
        } catch (SQLException | LiquibaseException e) {
            out.println("migrate: failed: " + e.getMessage());
            return 1;
        }
    }

    /** Applies every pending changeset (and the runAlways ones) over the given connection. */
    @SuppressWarnings("deprecation") // the Liquibase facade is still the shortest way to run one changelog
    public static void migrate(Connection connection, String runtimeRole) throws LiquibaseException {
        Database database =
                DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        // Spring's resource loading, like the app's own Liquibase run: it reads the changelog inside the
        // executable jar's nested jars, where Liquibase's own class-path scanning does not.
        Liquibase liquibase = new Liquibase(
                CHANGELOG,
                new SpringResourceAccessor(new DefaultResourceLoader(SchemaMigration.class.getClassLoader())),
                database);
        liquibase.setChangeLogParameter("runtime_role", runtimeRole);
        liquibase.update(new Contexts(), new LabelExpression());
    }
}
