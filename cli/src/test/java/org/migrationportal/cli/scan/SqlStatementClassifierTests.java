package org.migrationportal.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
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
}
