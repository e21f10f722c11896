package org.migrationportal.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.migrationportal.cli.scan.Fixtures.migration;
import static org.migrationportal.cli.scan.Fixtures.ops;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.migrationportal.cli.manifest.DowngradeKind;
import org.migrationportal.cli.manifest.Migration;
import org.migrationportal.cli.manifest.Phase;
import org.migrationportal.cli.manifest.ScanResult;
import org.migrationportal.cli.scan.flyway.FlywayHistoryReader;

class FlywayHistoryReaderTests {

    private final ScanResult result = new FlywayHistoryReader().read(Fixtures.path("flyway"));
    private final List<Migration> migrations = result.migrations();

    @Test
    void versionsInNumericOrderThenRepeatables() {
        assertThat(result.files()).isEqualTo(9);
        assertThat(migrations)
                .extracting(Migration::revision)
                .containsExactly("1", "1.1", "2", "3", "10", "11", "R__lesson_view");
        assertThat(migration(migrations, "10").parents()).containsExactly("3");
        assertThat(migration(migrations, "R__lesson_view").parents()).containsExactly("11");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void undoFileIsTheDowngradeAndAnEmptyUndoIsNone() {
        assertThat(migration(migrations, "1.1").downgrade()).isEqualTo(DowngradeKind.REVERSIBLE);
        assertThat(migration(migrations, "2").downgrade()).isEqualTo(DowngradeKind.NONE);
        assertThat(migration(migrations, "1").downgrade()).isEqualTo(DowngradeKind.NONE);
    }

    @Test
    void concurrentlyMakesTheMigrationNonTransactional() {
        Migration m = migration(migrations, "1.1");
        assertThat(ops(m)).containsExactly("add_column lessons.slug", "create_index lessons.slug concurrently");
        assertThat(m.transactional()).isFalse();
        assertThat(m.phase()).isEqualTo(Phase.EXPAND);
        assertThat(m.description()).isEqualTo("add slug");
    }

    @Test
    void statementsClassifiedWithCommentsAndQuotesRespected() {
        Migration contract = migration(migrations, "2");
        assertThat(ops(contract))
                .containsExactly(
                        "drop_column lessons.legacy_path",
                        "set_not_null lessons.title",
                        "update_without_where lessons",
                        "execute_sql lessons");
        assertThat(contract.phase()).isEqualTo(Phase.CONTRACT);
        assertThat(contract.expandRevision()).isEqualTo("1.1");

        Migration retype = migration(migrations, "10");
        assertThat(ops(retype))
                .containsExactly(
                        "alter_column_type lessons.title",
                        "execute_sql notes",
                        "unclassified -",
                        "truncate cache_entries");
        assertThat(retype.transactional()).isTrue();
    }

    @Test
    void confFileAndJavaMigrationAndAuthorComment() {
        assertThat(migration(migrations, "11").transactional()).isFalse();
        assertThat(ops(migration(migrations, "11"))).containsExactly("rename_column lessons.title");
        assertThat(ops(migration(migrations, "3"))).containsExactly("unclassified -");
        assertThat(migration(migrations, "1").author()).isEqualTo("tomas");
        assertThat(ops(migration(migrations, "R__lesson_view"))).containsExactly("execute_sql -");
    }
}
