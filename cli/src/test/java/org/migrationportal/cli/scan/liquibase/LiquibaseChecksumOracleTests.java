package org.migrationportal.cli.scan.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.migrationportal.cli.manifest.Migration;
import org.migrationportal.cli.scan.Fixtures;

/** The manifest's Liquibase checksums are the ones Liquibase 4.33 writes to DATABASECHANGELOG.MD5SUM. */
class LiquibaseChecksumOracleTests {

    @ParameterizedTest
    @ValueSource(strings = {"liquibase/master.xml", "liquibase-checksums/master.xml"})
    void checksumsEqualLiquibasesOwn(String fixture) {
        Path master = Fixtures.path(fixture);
        Path root = master.getParent();
        List<String> expected = LiquibaseOracle.read(root, master.getFileName().toString()).stream()
                .map(cs -> cs.id() + "::" + cs.author() + " " + cs.checksum())
                .toList();
        List<Migration> migrations = new LiquibaseHistoryReader().read(master).migrations();
        assertThat(migrations)
                .extracting(m -> idOf(m) + "::" + m.author() + " " + m.checksum())
                .containsExactlyElementsOf(expected);
    }

    private static String idOf(Migration m) {
        String[] parts = m.revision().split("::");
        return parts.length >= 3 ? parts[1] : m.revision();
    }
}
