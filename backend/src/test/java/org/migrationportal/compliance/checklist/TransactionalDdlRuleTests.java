package org.migrationportal.compliance.checklist;

import static org.migrationportal.compliance.checklist.Evidence.at;
import static org.migrationportal.compliance.checklist.Status.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Operation;

class TransactionalDdlRuleTests {

    private final ChecklistRule rule = new TransactionalDdlRule();

    /** Three migrations m1 ← m2 ← m3 deployed to prod in two deployments, everything in order. */
    static Evidence history() {
        return Evidence.prod()
                .migration("m1", null)
                .migration("m2", "m1")
                .migration("m3", "m2")
                .deploy(null, "m1", at("10T10:00:00"))
                .deploy("m1", "m3", at("20T10:00:00"))
                .ciPassed("c-m1")
                .ciPassed("c-m3")
                .verified(null, "m3", at("19T10:00:00"), 300L);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                RuleCase.of("unknown: no deployment", Evidence::prod, UNKNOWN, "No deployment"),
                RuleCase.of("pass: all transactional", () -> history(), PASS, "in a transaction."),
                RuleCase.of(
                        "pass: autocommit migration holds only concurrent index operations",
                        () -> history()
                                .operations("m2", false, new Operation("create_index", "lessons", "slug", true, false)),
                        PASS,
                        "concurrent index operations (1)"),
                RuleCase.of(
                        "warn: autocommit migration also adds a column",
                        () -> history()
                                .operations(
                                        "m2",
                                        false,
                                        new Operation("add_column", "lessons", "slug", false, false),
                                        new Operation("create_index", "lessons", "slug", true, false)),
                        WARN,
                        "m2 runs outside a transaction and also add column lessons.slug"),
                RuleCase.of(
                        "warn: a non-concurrent index outside a transaction",
                        () -> history()
                                .operations(
                                        "m3", false, new Operation("create_index", "lessons", "slug", false, false)),
                        WARN,
                        "m3"),
                RuleCase.of(
                        "fail is never produced: worst is warn",
                        () -> history().operations("m1", false, new Operation("drop_table", "x", null, false, true)),
                        WARN,
                        "m1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, RuleCase row) {
        row.check(rule);
    }
}
