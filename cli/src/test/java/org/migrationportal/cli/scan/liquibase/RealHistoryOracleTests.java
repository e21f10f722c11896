package org.migrationportal.cli.scan.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.migrationportal.cli.manifest.DowngradeKind;
import org.migrationportal.cli.manifest.Migration;

/**
 * The oracle over a real history outside the repository (docs/scanner.md has the figures):
 * {@code -Dreal.root=<resource root> -Dreal.master=<master, relative to it>} [{@code -Dreal.dbms=postgresql}].
 * Not set: skipped.
 */
class RealHistoryOracleTests {

    @Test
    void scannerReadsWhatLiquibaseRunsOnARealHistory() {
        String rootProperty = System.getProperty("real.root");
        assumeThat(rootProperty).as("-Dreal.root").isNotNull();
        Path root = Path.of(rootProperty).toAbsolutePath();
        String master = System.getProperty("real.master");
        LiquibaseRunSettings settings = new LiquibaseRunSettings(System.getProperty("real.dbms"), null, null, root);

        long started = System.nanoTime();
        List<LiquibaseOracle.OracleChangeSet> oracle = LiquibaseOracle.read(root, master, settings);
        long oracleMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        List<Migration> scanned =
                new LiquibaseHistoryReader(settings).read(root.resolve(master)).migrations();
        long scanMillis = (System.nanoTime() - started) / 1_000_000;

        List<String> expected = new ArrayList<>();
        oracle.forEach(cs -> expected.add(cs.id() + " by " + cs.author() + (cs.runInTransaction() ? "" : " no-tx") + " "
                + cs.checksum() + (cs.writtenRollback() || cs.autoRollback() ? " undoable" : " not-undoable")));
        List<String> actual = new ArrayList<>();
        for (Migration m : scanned) {
            String[] parts = m.revision().split("::");
            actual.add((parts.length >= 3 ? parts[1] : m.revision()) + " by " + m.author()
                    + (m.transactional() ? "" : " no-tx") + " " + m.checksum()
                    + (m.downgrade() == DowngradeKind.NONE ? " not-undoable" : " undoable"));
        }
        long sameChecksum = 0;
        for (int i = 0; i < Math.min(oracle.size(), scanned.size()); i++) {
            sameChecksum += oracle.get(i).checksum().equals(scanned.get(i).checksum()) ? 1 : 0;
        }
        System.out.printf(
                "real history %s: Liquibase %d changesets (%d ms), scanner %d (%d ms), same checksum at same place %d%n",
                master, oracle.size(), oracleMillis, scanned.size(), scanMillis, sameChecksum);
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
