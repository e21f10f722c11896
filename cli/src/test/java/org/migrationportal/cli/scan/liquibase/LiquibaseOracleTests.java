package org.migrationportal.cli.scan.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.migrationportal.cli.manifest.DowngradeKind;
import org.migrationportal.cli.manifest.Migration;
import org.migrationportal.cli.scan.Fixtures;

/**
 * Every Liquibase fixture, read by the scanner and by liquibase-core: the same changesets in the same
 * order, with the same author, runInTransaction, checksum, and rollback ability (a rollback of its own or
 * one Liquibase generates; lossy or not is the scanner's own finer call), for the dbms, contexts and labels
 * Liquibase would be run with.
 */
class LiquibaseOracleTests {

    static Stream<Arguments> histories() {
        LiquibaseRunSettings none = LiquibaseRunSettings.NONE;
        LiquibaseRunSettings postgres = new LiquibaseRunSettings("postgresql", null, null, null);
        return Stream.of(
                Arguments.of("liquibase", "master.xml", none),
                Arguments.of("liquibase-checksums", "master.xml", none),
                Arguments.of("liquibase-checksums", "master.xml", postgres),
                Arguments.of("liquibase-defects/per-dbms", "master.xml", none),
                Arguments.of("liquibase-defects/per-dbms", "master.xml", postgres),
                Arguments.of(
                        "liquibase-defects/per-dbms", "master.xml", new LiquibaseRunSettings(null, "prod", null, null)),
                Arguments.of(
                        "liquibase-defects/per-dbms", "master.xml", new LiquibaseRunSettings(null, "test", null, null)),
                Arguments.of(
                        "liquibase-defects/per-dbms", "master.xml", new LiquibaseRunSettings(null, null, "!eu", null)),
                Arguments.of(
                        "liquibase-defects/per-dbms",
                        "master.xml",
                        new LiquibaseRunSettings("postgresql", "prod", "eu", null)),
                Arguments.of("liquibase-defects/sqlfile", "db/changelog/db.changelog-master.xml", none),
                Arguments.of("liquibase-defects/empty", "master.xml", none),
                Arguments.of("liquibase-defects/empty", "master.xml", postgres),
                Arguments.of("liquibase-defects/mixed-resources", "db/changelog/db.changelog-master.yaml", none),
                Arguments.of("liquibase-defects/include-rules", "master.xml", none));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("histories")
    void scannerReadsWhatLiquibaseRuns(String fixture, String master, LiquibaseRunSettings settings) {
        Path root = Fixtures.path(fixture);
        List<String> expected = new ArrayList<>();
        for (LiquibaseOracle.OracleChangeSet cs : LiquibaseOracle.read(root, master, settings)) {
            expected.add(cs.id() + " by " + cs.author() + (cs.runInTransaction() ? "" : " no-tx") + " " + cs.checksum()
                    + (cs.writtenRollback() || cs.autoRollback() ? " undoable" : " not-undoable"));
        }
        LiquibaseRunSettings scan =
                new LiquibaseRunSettings(settings.dbms(), settings.contexts(), settings.labels(), root);
        List<Migration> migrations =
                new LiquibaseHistoryReader(scan).read(root.resolve(master)).migrations();
        List<String> actual = new ArrayList<>();
        for (Migration m : migrations) {
            String[] parts = m.revision().split("::");
            String id = parts.length >= 3 ? parts[1] : m.revision();
            actual.add(id + " by " + m.author() + (m.transactional() ? "" : " no-tx") + " " + m.checksum()
                    + (m.downgrade() == DowngradeKind.NONE ? " not-undoable" : " undoable"));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
