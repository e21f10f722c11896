package org.migrationportal.cli.scan.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.migrationportal.cli.scan.Fixtures.migration;
import static org.migrationportal.cli.scan.Fixtures.ops;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.migrationportal.cli.manifest.DowngradeKind;
import org.migrationportal.cli.manifest.Migration;
import org.migrationportal.cli.manifest.ScanProblem;
import org.migrationportal.cli.manifest.ScanResult;
import org.migrationportal.cli.manifest.ScanSummary;
import org.migrationportal.cli.scan.Fixtures;

/** The four ways the scanner disagreed with Liquibase on real histories (issue 13), one fixture each. */
class LiquibaseReadingDefectTests {

    @Test
    void changesetsSharingIdAndAuthorPerDbmsOrContextAreAllKept() {
        ScanResult all = new LiquibaseHistoryReader().read(Fixtures.path("liquibase-defects/per-dbms/master.xml"));
        assertThat(all.migrations())
                .extracting(Migration::revision)
                .containsExactly(
                        "1",
                        "master.xml::ix-title::ana::postgresql",
                        "master.xml::ix-title::ana::h2",
                        "master.xml::ix-title::ana::oracle,mssql",
                        "master.xml::seed::bo::test",
                        "master.xml::seed::bo::prodand!test",
                        "label-only",
                        "not-h2");
        assertThat(ScanSummary.of(all).nonTransactional()).isEqualTo(2);
        assertThat(all.problems()).isEmpty();
    }

    @Test
    void dbmsContextsAndLabelsSelectWhatLiquibaseWouldRun() {
        ScanResult postgres = read("postgresql", "prod", null);
        assertThat(postgres.migrations())
                .extracting(Migration::revision)
                .containsExactly("1", "ix-title", "seed", "label-only", "not-h2");
        assertThat(ops(migration(postgres.migrations(), "ix-title")))
                .containsExactly("create_index lessons.title concurrently");
        assertThat(migration(postgres.migrations(), "seed").checksum())
                .isNotEqualTo(migration(read("postgresql", "test", null).migrations(), "seed")
                        .checksum());
        assertThat(postgres.filteredOut()).isEqualTo(3);

        assertThat(read("h2", null, "!eu").migrations())
                .extracting(Migration::revision)
                .containsExactly("1", "ix-title", "master.xml::seed::bo::test", "master.xml::seed::bo::prodand!test");
    }

    @Test
    void sqlFilesReferencedBySqlFileBelongToTheirChangeset() {
        ScanResult result = new LiquibaseHistoryReader().read(Fixtures.path("liquibase-defects/sqlfile"));
        assertThat(result.migrations()).extracting(Migration::revision).containsExactly("1", "2", "3");
        assertThat(result.master()).isEqualTo("db/changelog/db.changelog-master.xml");
        assertThat(ops(migration(result.migrations(), "2")))
                .containsExactly("add_column lessons.legacy", "drop_column lessons.legacy");
        assertThat(ops(migration(result.migrations(), "3"))).containsExactly("create_index lessons.title concurrently");
        assertThat(result.notChangelogs()).isZero();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void changesetsWithNothingToUndoAreReversible() {
        List<Migration> migrations = new LiquibaseHistoryReader()
                .read(Fixtures.path("liquibase-defects/empty/master.xml"))
                .migrations();
        assertThat(migrations)
                .filteredOn(m -> List.of("pre-only", "empty", "tag").contains(m.revision()))
                .extracting(Migration::downgrade)
                .containsExactly(DowngradeKind.REVERSIBLE, DowngradeKind.REVERSIBLE, DowngradeKind.REVERSIBLE);
    }

    @Test
    void documentsThatAreNotChangelogsAreSkippedQuietlyAndTheMasterIsNamed() {
        ScanResult result = new LiquibaseHistoryReader().read(Fixtures.path("liquibase-defects/mixed-resources"));
        assertThat(result.master()).isEqualTo("db/changelog/db.changelog-master.yaml");
        assertThat(result.migrations()).extracting(Migration::revision).containsExactly("init", "index");
        assertThat(ops(migration(result.migrations(), "init"))).containsExactly("create_table lessons");
        assertThat(result.notChangelogs()).isEqualTo(5); // hbm.xml, Spring XML, JSON and YAML settings, seed.sql
        assertThat(result.problems())
                .extracting(ScanProblem::toString)
                .containsExactly("db/changelog/db.changelog-master.yaml:1: warning: 1 changelog(s) not included by"
                        + " the master, not read (as Liquibase): db/snapshot/generated-changelog.xml");
    }

    private static ScanResult read(String dbms, String contexts, String labels) {
        return new LiquibaseHistoryReader(new LiquibaseRunSettings(dbms, contexts, labels, null))
                .read(Fixtures.path("liquibase-defects/per-dbms/master.xml"));
    }
}
