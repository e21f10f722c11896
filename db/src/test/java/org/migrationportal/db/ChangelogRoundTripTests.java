package org.migrationportal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.Scope;
import liquibase.changelog.FastCheckService;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portal's own migrations keep the discipline the portal audits: every changeset rolls back to the
 * schema it started from, and a database migrated, rolled back to the start and migrated again has exactly
 * the schema of one migrated once. Runs on a scratch PostgreSQL database ({@code TEST_DATABASE_URL},
 * default the local server), dropped afterwards.
 */
class ChangelogRoundTripTests {

    private static final String MASTER = "db/changelog/db.changelog-master.xml";
    private static final String SERVER_URL = setting("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = setting("TEST_DATABASE_USER", "postgres");
    private static final String PASSWORD = setting("TEST_DATABASE_PASSWORD", "");

    private static final List<String> SCHEMA_QUERIES = List.of("""
            select 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                   || ' nullable=' || is_nullable || ' default=' || coalesce(column_default, '-')
              from information_schema.columns
             where table_schema = 'public' and table_name not like 'databasechangelog%'""", """
            select 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
              from pg_constraint where connamespace = 'public'::regnamespace
               and conrelid::regclass::text not like 'databasechangelog%'""", """
            select 'index ' || indexdef from pg_indexes
             where schemaname = 'public' and tablename not like 'databasechangelog%'""", """
            select 'trigger ' || pg_get_triggerdef(oid) from pg_trigger
             where not tgisinternal and tgrelid::regclass::text not like 'databasechangelog%'""", """
            select 'function ' || pg_get_functiondef(p.oid) from pg_proc p
             where p.pronamespace = 'public'::regnamespace""", """
            select 'sequence ' || sequence_name || ' ' || data_type || ' ' || increment
              from information_schema.sequences where sequence_schema = 'public'""", """
            select 'view ' || viewname || ' ' || definition from pg_views where schemaname = 'public'""");

    private static String database;

    @BeforeAll
    static void createDatabase() {
        Logger.getLogger("liquibase").setLevel(Level.WARNING);
        database = "portal_db_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute(SERVER_URL, "CREATE DATABASE " + database);
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            execute(SERVER_URL, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /**
     * Applies the changesets one at a time, recording the schema after each; then rolls them back one at a
     * time and checks that each rollback restores exactly the schema its changeset started from; then
     * migrates again and checks the result equals the first migration. A rollback that forgets an index, a
     * trigger or a column fails here with the changeset's id.
     */
    @Test
    void everyChangesetRollsBackToTheSchemaItStartedFromAndMigratingAgainGivesTheSameSchema() throws Exception {
        Map<Integer, List<String>> schemaByApplied = new HashMap<>();
        schemaByApplied.put(0, schema());
        int applied = 0;
        while (true) {
            updateOne();
            int now = appliedChangesets();
            if (now == applied) {
                // Nothing new ran: either the end, or a runAlways changeset that counts as "to run" forever.
                update();
                now = appliedChangesets();
                schemaByApplied.put(now, schema());
                break;
            }
            applied = now;
            schemaByApplied.put(applied, schema());
        }
        int total = appliedChangesets();
        assertThat(total).as("the changelog has changesets").isPositive();
        List<String> migrated = schemaByApplied.get(total);
        assertThat(migrated).as("the changelog creates a schema").isNotEmpty();

        while (appliedChangesets() > 0) {
            String last = lastApplied();
            rollbackOne();
            int left = appliedChangesets();
            assertThat(left)
                    .as("rolling back %s removes it from the history", last)
                    .isLessThan(applied);
            applied = left;
            if (schemaByApplied.containsKey(left)) {
                assertThat(schema())
                        .as("the schema after rolling back %s equals the schema before it ran", last)
                        .containsExactlyElementsOf(schemaByApplied.get(left));
            }
        }
        assertThat(schema())
                .as("rolling every changeset back leaves nothing of the portal's schema")
                .isEmpty();

        update();
        assertThat(schema())
                .as("migrated, rolled back and migrated again = migrated once")
                .containsExactlyElementsOf(migrated);
    }

    private static void update() throws Exception {
        liquibase(db -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, MASTER)
                .execute());
    }

    private static void updateOne() throws Exception {
        liquibase(db -> new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db)
                .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, MASTER)
                .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, 1)
                .execute());
    }

    private static void rollbackOne() throws Exception {
        liquibase(db -> new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db)
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, MASTER)
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, 1)
                .execute());
    }

    private interface LiquibaseWork {
        void run(Database database) throws Exception;
    }

    private static void liquibase(LiquibaseWork work) throws Exception {
        try (Connection connection = connect()) {
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(
                    Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(ChangelogRoundTripTests.class.getClassLoader()),
                    () -> {
                        // Liquibase remembers "up to date" per URL; this test changes the history under it.
                        Scope.getCurrentScope()
                                .getSingleton(FastCheckService.class)
                                .clearCache();
                        work.run(database);
                    });
        }
    }

    private static int appliedChangesets() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from databasechangelog")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** The schema as sorted lines: columns, constraints, indexes, triggers, functions, sequences, views. */
    private static List<String> schema() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String query : SCHEMA_QUERIES) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    private static String lastApplied() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select filename || '::' || id from databasechangelog order by orderexecuted desc limit 1")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(urlOf(database), USER, PASSWORD);
    }

    private static String urlOf(String database) {
        int slash = SERVER_URL.indexOf('/', "jdbc:postgresql://".length());
        int query = SERVER_URL.indexOf('?', slash);
        return SERVER_URL.substring(0, slash + 1) + database + (query < 0 ? "" : SERVER_URL.substring(query));
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run '" + sql + "' on " + url + ": is PostgreSQL running?", e);
        }
    }

    private static String setting(String env, String fallback) {
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }
}
