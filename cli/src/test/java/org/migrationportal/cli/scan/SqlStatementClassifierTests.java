package org.migrationportal.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.migrationportal.cli.manifest.Operation;
import org.migrationportal.cli.scan.sql.SqlClassification;
import org.migrationportal.cli.scan.sql.SqlStatementClassifier;
import org.migrationportal.cli.scan.sql.SqlStatementSplitter;

class SqlStatementClassifierTests {

    private static List<String> ops(String sql) {
        return SqlStatementClassifier.classifyScript(sql, 1).operations().stream()
                .map(Fixtures::op)
                .toList();
    }

    @Test
    void splitterKeepsSemicolonsInsideQuotesDollarBodiesAndComments() {
        String sql = "SELECT ';'; /* a; /* nested; */ b; */ SELECT $f$ x; $f$;\n-- c;\nSELECT E'it\\'s;';";
        assertThat(SqlStatementSplitter.split(sql)).hasSize(3);
        assertThat(SqlStatementSplitter.split("\n\nSELECT 1;\nSELECT\n2;"))
                .extracting(s -> s.line())
                .containsExactly(3, 4);
    }

    @Test
    void alterTableActionsAndIndexes() {
        assertThat(
                        ops(
                                "ALTER TABLE IF EXISTS ONLY public.a ADD COLUMN IF NOT EXISTS b int, DROP COLUMN c,"
                                        + " ALTER COLUMN d SET DATA TYPE text, ALTER e DROP NOT NULL, ADD CONSTRAINT fk FOREIGN KEY (x) REFERENCES y NOT VALID"))
                .containsExactly(
                        "add_column public.a.b",
                        "drop_column public.a.c",
                        "alter_column_type public.a.d",
                        "drop_not_null public.a.e",
                        "add_constraint public.a");
        assertThat(ops("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON \"Lessons\" USING btree (slug DESC)"))
                .containsExactly("create_index Lessons.slug concurrently");
        assertThat(ops("DROP INDEX CONCURRENTLY ix_a, ix_b"))
                .containsExactly("drop_index - concurrently", "drop_index - concurrently");
        assertThat(ops("ALTER TABLE a RENAME TO b; ALTER TABLE b RENAME COLUMN c TO d"))
                .containsExactly("rename_table a", "rename_column b.c");
    }

    @Test
    void whereAtTopLevelOnlyCountsForUpdateAndDelete() {
        assertThat(ops("UPDATE a SET x = (SELECT y FROM b WHERE b.id = 1)")).containsExactly("update_without_where a");
        assertThat(ops("DELETE FROM a WHERE id = 1")).containsExactly("execute_sql a");
        assertThat(ops("WITH old AS (SELECT 1) DELETE FROM a")).containsExactly("delete_without_where a");
    }

    @Test
    void unknownOrProceduralStatementsAreUnclassifiedNotGuessed() {
        assertThat(ops("DO $$ BEGIN DROP TABLE x; END $$; CALL cleanup(); FROBNICATE x"))
                .containsExactly("unclassified -", "unclassified -", "unclassified -");
        assertThat(ops("BEGIN; COMMIT;")).isEmpty();
    }

    @Test
    void nonTransactionalStatements() {
        SqlClassification c = SqlStatementClassifier.classifyScript("VACUUM ANALYZE a", 1);
        assertThat(c.requiresNoTransaction()).isTrue();
        assertThat(SqlStatementClassifier.classifyScript("CREATE INDEX ix ON a (b)", 1)
                        .requiresNoTransaction())
                .isFalse();
    }

    /** "type table (detail)" of each operation the summary lists as lock-taking. */
    private static List<String> locking(String sql) {
        return SqlStatementClassifier.classifyScript(sql, 1).operations().stream()
                .filter(Operation::takesLongLock)
                .map(o -> Fixtures.op(o) + (o.detail() == null ? "" : " (" + o.detail() + ")"))
                .toList();
    }

    @Test
    void tableRewritesAndExclusiveLocksAreLockTaking() {
        assertThat(locking("ALTER TABLE a SET TABLESPACE fast"))
                .containsExactly("execute_sql a (SET TABLESPACE rewrites the table under ACCESS EXCLUSIVE)");
        assertThat(locking("ALTER TABLE a SET LOGGED; ALTER TABLE b SET UNLOGGED"))
                .hasSize(2);
        assertThat(locking("ALTER TABLE a SET (fillfactor = 70)")).isEmpty();
        assertThat(locking("VACUUM FULL a; VACUUM (FULL, ANALYZE) b"))
                .containsExactly(
                        "execute_sql a (VACUUM FULL rewrites the table under ACCESS EXCLUSIVE)",
                        "execute_sql b (VACUUM FULL rewrites the table under ACCESS EXCLUSIVE)");
        assertThat(locking("VACUUM ANALYZE a; VACUUM (FULL false) b")).isEmpty();
        assertThat(locking("CLUSTER a USING ix_a"))
                .containsExactly("execute_sql a (CLUSTER rewrites the table under ACCESS EXCLUSIVE)");
    }

    @Test
    void reindexAndRefreshBlockUnlessConcurrent() {
        assertThat(locking("REINDEX TABLE a"))
                .containsExactly("execute_sql a (REINDEX without CONCURRENTLY blocks writes (and reads of the index))");
        assertThat(locking("REINDEX TABLE CONCURRENTLY a")).isEmpty();
        assertThat(SqlStatementClassifier.classifyScript("REINDEX INDEX CONCURRENTLY ix", 1)
                        .requiresNoTransaction())
                .isTrue();
        assertThat(locking("REFRESH MATERIALIZED VIEW totals"))
                .containsExactly(
                        "execute_sql totals (REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view)");
        assertThat(locking("REFRESH MATERIALIZED VIEW CONCURRENTLY totals")).isEmpty();
    }

    @Test
    void lockTableBlocksInModesThatStopReadsOrWrites() {
        assertThat(locking("LOCK TABLE a"))
                .containsExactly(
                        "execute_sql a (LOCK TABLE in ACCESS EXCLUSIVE mode blocks the table until the transaction ends)");
        assertThat(locking("LOCK TABLE a IN SHARE MODE")).hasSize(1);
        assertThat(locking("LOCK TABLE a IN ROW EXCLUSIVE MODE; LOCK a IN ACCESS SHARE MODE"))
                .isEmpty();
    }

    @Test
    void addColumnRewritesWithAVolatileDefaultOrAStoredGeneratedColumn() {
        assertThat(locking("ALTER TABLE a ADD COLUMN id uuid DEFAULT gen_random_uuid()"))
                .containsExactly(
                        "add_column a.id (a volatile default (gen_random_uuid()) rewrites the table under ACCESS EXCLUSIVE)");
        assertThat(locking("ALTER TABLE a ADD COLUMN total int GENERATED ALWAYS AS (x + y) STORED"))
                .hasSize(1);
        assertThat(locking("ALTER TABLE a ADD COLUMN n bigserial")).hasSize(1);
        assertThat(
                        locking(
                                "ALTER TABLE a ADD COLUMN created timestamptz DEFAULT now(), ADD COLUMN flag boolean DEFAULT false"))
                .isEmpty();
    }

    @Test
    void constraintsScanUnlessNotValidAndTypeChangesAndSetNotNullLock() {
        assertThat(locking("ALTER TABLE a ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES b (id)"))
                .hasSize(1);
        assertThat(locking("ALTER TABLE a ADD CONSTRAINT ck CHECK (x > 0)")).hasSize(1);
        assertThat(locking("ALTER TABLE a ADD CONSTRAINT ck CHECK (x > 0) NOT VALID"))
                .isEmpty();
        assertThat(locking("ALTER TABLE a ALTER COLUMN b TYPE bigint, ALTER COLUMN c SET NOT NULL"))
                .containsExactly("alter_column_type a.b", "set_not_null a.c");
        assertThat(locking("CREATE INDEX ix ON a (b)")).containsExactly("create_index a.b");
    }

    @Test
    void beginAtomicBodiesStayOneStatement() {
        String sql =
                "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT x + 1; SELECT CASE WHEN x > 0"
                        + " THEN 1 ELSE 0 END; END;\nCREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END;\nDROP TABLE t;";
        assertThat(SqlStatementSplitter.split(sql)).hasSize(3);
        assertThat(ops(sql)).containsExactly("execute_sql -", "execute_sql -", "drop_table t");
    }
}
