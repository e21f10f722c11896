package org.migrationportal.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.migrationportal.cli.scan.Fixtures.migration;
import static org.migrationportal.cli.scan.Fixtures.ops;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.migrationportal.cli.manifest.DowngradeKind;
import org.migrationportal.cli.manifest.Migration;
import org.migrationportal.cli.manifest.Phase;
import org.migrationportal.cli.manifest.ScanProblem;
import org.migrationportal.cli.manifest.ScanResult;
import org.migrationportal.cli.manifest.ScanSummary;
import org.migrationportal.cli.scan.alembic.AlembicHistoryReader;

class AlembicHistoryReaderTests {

    private final ScanResult result = new AlembicHistoryReader().read(Fixtures.path("alembic"));
    private final List<Migration> migrations = result.migrations();

    @Test
    void readsEveryRevisionFileAndSkipsInitPy() {
        assertThat(result.files()).isEqualTo(7);
        assertThat(migrations)
                .extracting(Migration::revision)
                .containsExactly("0001aaaa", "0002bbbb", "0003cccc", "0004dddd", "0005eeee", "0006ffff");
    }

    @Test
    void annotatedHeadersDocstringAndAuthor() {
        Migration m = migration(migrations, "0001aaaa");
        assertThat(m.parents()).isEmpty();
        assertThat(m.description()).isEqualTo("create lessons");
        assertThat(m.author()).isEqualTo("mira");
        assertThat(ops(m)).containsExactly("create_table lessons");
        assertThat(m.downgrade()).isEqualTo(DowngradeKind.REVERSIBLE);
        assertThat(m.checksum()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void autocommitBlockMakesTheMigrationNonTransactionalAndDocstringDowngradeIsNone() {
        Migration m = migration(migrations, "0002bbbb");
        assertThat(m.transactional()).isFalse();
        assertThat(ops(m)).containsExactly("add_column lessons.slug", "create_index lessons.slug concurrently");
        assertThat(m.downgrade()).isEqualTo(DowngradeKind.NONE);
        assertThat(m.phase()).isEqualTo(Phase.EXPAND);
        assertThat(m.expandRevision()).isNull();
    }

    @Test
    void customSignatureAndBatchOperationsTakeTheTableFromTheBatch() {
        Migration m = migration(migrations, "0003cccc");
        assertThat(m.parents()).containsExactly("0002bbbb");
        assertThat(ops(m))
                .containsExactly(
                        "alter_column_type lessons.title",
                        "set_not_null lessons.title",
                        "drop_column lessons.legacy_path");
        assertThat(m.operations()).filteredOn(o -> o.destructive()).hasSize(2);
        assertThat(m.downgrade()).isEqualTo(DowngradeKind.NONE); // pass
        assertThat(m.transactional()).isTrue();
    }

    @Test
    void executeSqlIsClassifiedAndDynamicSqlIsUnclassified() {
        Migration m = migration(migrations, "0004dddd");
        assertThat(ops(m)).containsExactly("update_without_where lessons", "execute_sql lessons", "unclassified -");
        assertThat(m.downgrade()).isEqualTo(DowngradeKind.NONE); // only raises
    }

    @Test
    void multiLineTupleDownRevisionIsAMergeAndOneLineDowngradeIsRead() {
        Migration m = migration(migrations, "0005eeee");
        assertThat(m.parents()).containsExactly("0003cccc", "0004dddd");
        assertThat(m.operations()).isEmpty();
        assertThat(m.downgrade()).isEqualTo(DowngradeKind.NONE);
    }

    @Test
    void contractWithExpandRevisionFollowsHelpersAndIsLossy() {
        Migration m = migration(migrations, "0006ffff");
        assertThat(m.parents()).containsExactly("0005eeee");
        assertThat(m.phase()).isEqualTo(Phase.CONTRACT);
        assertThat(m.expandRevision()).isEqualTo("0002bbbb");
        assertThat(ops(m))
                .containsExactly(
                        "drop_column lessons.legacy_slug",
                        "rename_table lessons",
                        "add_constraint courses",
                        "drop_index courses",
                        "drop_table tmp_import");
        assertThat(m.downgrade()).isEqualTo(DowngradeKind.LOSSY);
    }

    @Test
    void parseErrorsNameFileAndLineAndDoNotStopTheScan() {
        assertThat(result.problems())
                .filteredOn(p -> p.severity() == ScanProblem.Severity.ERROR)
                .extracting(ScanProblem::toString)
                .containsExactly("broken.py:3: error: revision is not a string literal");
    }

    @Test
    void summaryCountsTheGraphAndCoverage() {
        ScanSummary s = ScanSummary.of(result);
        assertThat(s.roots()).containsExactly("0001aaaa");
        assertThat(s.merges()).containsExactly("0005eeee");
        assertThat(s.heads()).containsExactly("0006ffff");
        assertThat(s.downgrade()).isEqualTo(new ScanSummary.DowngradeCoverage(1, 1, 4, 16.7));
        assertThat(s.nonTransactional()).isEqualTo(1);
        assertThat(s.destructiveOperations()).hasSize(6);
        assertThat(s.unclassified()).hasSize(1);
        assertThat(s.parseErrors()).hasSize(1);
    }
}
