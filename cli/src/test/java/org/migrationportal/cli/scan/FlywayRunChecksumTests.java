package org.migrationportal.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.migrationportal.cli.scan.flyway.FlywayHistoryReader;

/**
 * Flyway migrates a fixture history (a BOM, CRLF, CR-only and LF files, non-ASCII text, no final newline,
 * a repeatable) into a scratch PostgreSQL database; {@code flyway_schema_history.checksum} must equal the
 * manifest's checksum of each script.
 */
class FlywayRunChecksumTests {

    @Test
    void manifestChecksumsEqualFlywaySchemaHistory() throws Exception {
        Path location = Fixtures.path("flyway-run");
        try (ScratchDatabase db = new ScratchDatabase()) {
            Flyway.configure()
                    .dataSource(db.url(), db.user(), db.password())
                    .locations("filesystem:" + location)
                    .load()
                    .migrate();
            List<String> applied = new ArrayList<>();
            try (Connection c = db.connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT script, checksum FROM flyway_schema_history ORDER BY installed_rank")) {
                while (rs.next()) {
                    applied.add(rs.getString(1) + " " + rs.getInt(2));
                }
            }
            assertThat(applied).hasSize(4);
            assertThat(new FlywayHistoryReader().read(location).migrations())
                    .extracting(m -> m.sourceFile() + " " + m.checksum())
                    .containsExactlyElementsOf(applied);
        }
    }
}
