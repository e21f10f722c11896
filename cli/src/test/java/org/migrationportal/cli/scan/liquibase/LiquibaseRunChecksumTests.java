package org.migrationportal.cli.scan.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.GlobalConfiguration;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.migrationportal.cli.manifest.Migration;
import org.migrationportal.cli.scan.Fixtures;
import org.migrationportal.cli.scan.ScratchDatabase;

/**
 * Liquibase applies a fixture history to a scratch PostgreSQL database; the MD5SUM column of
 * DATABASECHANGELOG must equal the manifest's checksum of each changeset, scanned with
 * {@code --dbms postgresql} (dbms-targeted changes count only where they run).
 */
class LiquibaseRunChecksumTests {

    @Test
    void manifestChecksumsEqualDatabaseChangelogMd5sums() throws Exception {
        Path master = Fixtures.path("liquibase-checksums/master.xml");
        try (ScratchDatabase db = new ScratchDatabase();
                Connection connection = db.connect()) {
            update(master, connection);
            List<String> applied = new ArrayList<>();
            try (Statement s = connection.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT id, author, md5sum FROM databasechangelog ORDER BY orderexecuted")) {
                while (rs.next()) {
                    applied.add(rs.getString(1) + "::" + rs.getString(2) + " " + rs.getString(3));
                }
            }
            List<Migration> scanned = new LiquibaseHistoryReader(
                            new LiquibaseRunSettings("postgresql", null, null, null))
                    .read(master)
                    .migrations();
            assertThat(applied).hasSize(29);
            assertThat(scanned)
                    .extracting(m ->
                            m.revision().replaceFirst("^.*::(.*)::.*$", "$1") + "::" + m.author() + " " + m.checksum())
                    .containsExactlyElementsOf(applied);
        }
    }

    @SuppressWarnings("deprecation") // the Liquibase facade is the shortest way to run update in a test
    private static void update(Path master, Connection connection) throws Exception {
        try (DirectoryResourceAccessor accessor =
                new DirectoryResourceAccessor(master.getParent().toFile())) {
            Scope.child(Map.of(GlobalConfiguration.VALIDATE_XML_CHANGELOG_FILES.getKey(), false), () -> {
                Database database =
                        DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
                new Liquibase(master.getFileName().toString(), accessor, database).update("");
            });
        }
    }
}
