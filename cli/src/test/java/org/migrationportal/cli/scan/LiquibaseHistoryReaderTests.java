package org.migrationportal.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.migrationportal.cli.scan.Fixtures.migration;
import static org.migrationportal.cli.scan.Fixtures.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.migrationportal.cli.manifest.DowngradeKind;
import org.migrationportal.cli.manifest.Migration;
import org.migrationportal.cli.manifest.Phase;
import org.migrationportal.cli.manifest.ScanProblem;
import org.migrationportal.cli.manifest.ScanResult;
import org.migrationportal.cli.scan.liquibase.LiquibaseHistoryReader;

class LiquibaseHistoryReaderTests {

    private final ScanResult result = new LiquibaseHistoryReader().read(Fixtures.path("liquibase"));
    private final List<Migration> migrations = result.migrations();

    @Test
    void followsIncludesAndIncludeAllInLiquibaseOrder() {
        assertThat(result.files()).isEqualTo(6);
        assertThat(migrations)
                .extracting(Migration::revision)
                .containsExactly("1", "2", "3", "4", "5", "y1", "y2", "y3", "f1", "f2", "f3", "raw", "b1");
        assertThat(migration(migrations, "y1").parents()).containsExactly("5");
        assertThat(migration(migrations, "1").parents()).isEmpty();
    }

    @Test
    void xmlAutoRollbackExplicitRollbackAndEmptyRollback() {
        Migration init = migration(migrations, "1");
        assertThat(ops(init)).containsExactly("create_table lessons", "create_index lessons.id");
        assertThat(init.downgrade()).isEqualTo(DowngradeKind.REVERSIBLE);
        assertThat(init.description()).isEqualTo("create lessons");
        assertThat(init.author()).isEqualTo("ana");
        assertThat(init.phase()).isEqualTo(Phase.EXPAND);

        Migration drop = migration(migrations, "2");
        assertThat(ops(drop)).containsExactly("drop_column lessons.legacy");
        assertThat(drop.downgrade()).isEqualTo(DowngradeKind.LOSSY);
        assertThat(drop.phase()).isEqualTo(Phase.CONTRACT);
        assertThat(drop.expandRevision()).isEqualTo("1");

        Migration update = migration(migrations, "3");
        assertThat(ops(update)).containsExactly("update_without_where lessons");
        assertThat(update.downgrade()).isEqualTo(DowngradeKind.LOSSY); // <rollback/> runs and undoes nothing
    }

    @Test
    void runInTransactionFalseAndUnclassifiedCustomChange() {
        Migration concurrent = migration(migrations, "4");
        assertThat(concurrent.transactional()).isFalse();
        assertThat(ops(concurrent)).containsExactly("create_index lessons.title concurrently");
        assertThat(concurrent.downgrade()).isEqualTo(DowngradeKind.NONE); // raw SQL has no auto rollback

        Migration custom = migration(migrations, "5");
        assertThat(ops(custom)).containsExactly("alter_column_type lessons.title", "unclassified -");
        assertThat(custom.author()).isEqualTo("bo");
    }

    @Test
    void yamlChangesets() {
        assertThat(ops(migration(migrations, "y1"))).containsExactly("rename_column lessons.title");
        assertThat(migration(migrations, "y1").downgrade()).isEqualTo(DowngradeKind.REVERSIBLE);
        assertThat(migration(migrations, "y2").downgrade()).isEqualTo(DowngradeKind.LOSSY);
        assertThat(migration(migrations, "y2").description()).isEqualTo("drop the import scratch table");
        assertThat(ops(migration(migrations, "y3"))).containsExactly("add_column lessons.summary");
        assertThat(migration(migrations, "y3").downgrade()).isEqualTo(DowngradeKind.LOSSY); // empty rollback
    }

    @Test
    void formattedAndRawSql() {
        Migration f1 = migration(migrations, "f1");
        assertThat(ops(f1)).containsExactly("add_column lessons.body");
        assertThat(f1.downgrade()).isEqualTo(DowngradeKind.REVERSIBLE);
        assertThat(f1.description()).isEqualTo("add lessons.body");
        assertThat(f1.phase()).isEqualTo(Phase.EXPAND);
        assertThat(migration(migrations, "f2").transactional()).isFalse();
        assertThat(migration(migrations, "f2").downgrade()).isEqualTo(DowngradeKind.REVERSIBLE);
        assertThat(ops(migration(migrations, "f3"))).containsExactly("truncate audit_scratch");
        assertThat(migration(migrations, "f3").downgrade()).isEqualTo(DowngradeKind.LOSSY); // --rollback empty
        Migration raw = migration(migrations, "raw");
        assertThat(raw.author()).isEqualTo("includeAll");
        assertThat(ops(raw)).containsExactly("delete_without_where sessions");
    }

    @Test
    void checksumIsOfTheChangesetTextAndStableAcrossReads() {
        List<Migration> again =
                new LiquibaseHistoryReader().read(Fixtures.path("liquibase")).migrations();
        assertThat(again)
                .extracting(Migration::checksum)
                .containsExactlyElementsOf(
                        migrations.stream().map(Migration::checksum).toList());
        assertThat(migrations).extracting(Migration::checksum).doesNotHaveDuplicates();
    }

    @Test
    void parseErrorNamesFileAndLine() {
        assertThat(result.problems())
                .filteredOn(p -> p.severity() == ScanProblem.Severity.ERROR)
                .extracting(ScanProblem::toString)
                .containsExactly(
                        "sql/030-broken.sql:2: error: SQL before the first --changeset is ignored by Liquibase");
    }

    @Test
    void portalsOwnChangelogIsAllReversible() throws IOException {
        // The db module's changelog; -Dportal.changelog=… points elsewhere (e.g. while it is not yet committed).
        Path changelog = Path.of(System.getProperty("portal.changelog", "../db/src/main/resources/db/changelog"))
                .toAbsolutePath()
                .normalize();
        assertThat(changelog).as("the portal's changelog").isDirectory();
        ScanResult own = new LiquibaseHistoryReader().read(changelog);
        assertThat(own.migrations())
                .as("every changeset of the portal's changelog is read")
                .hasSize(changeSetsIn(changelog));
        assertThat(own.problems())
                .filteredOn(p -> p.severity() == ScanProblem.Severity.ERROR)
                .isEmpty();
        assertThat(own.migrations())
                .allSatisfy(m -> assertThat(m.downgrade()).as(m.revision()).isEqualTo(DowngradeKind.REVERSIBLE));
    }

    /** Counts {@code <changeSet} elements in the changelog's XML files, independently of the reader. */
    private static int changeSetsIn(Path changelog) throws IOException {
        try (Stream<Path> files = Files.walk(changelog)) {
            int count = 0;
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).toList()) {
                count += Pattern.compile("<changeSet\\b")
                        .matcher(Files.readString(file))
                        .results()
                        .count();
            }
            return count;
        }
    }
}
