package org.migrationportal.compliance.checklist;

import static org.migrationportal.compliance.checklist.Evidence.at;
import static org.migrationportal.compliance.checklist.Status.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DowngradePathRuleTests {

    private final ChecklistRule rule = new DowngradePathRule();

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
                RuleCase.of("pass: all reversible", () -> history(), PASS, "3 of 3 reversible (100%)"),
                RuleCase.of(
                        "warn: one declared lossy",
                        () -> history().downgrade("m3", "lossy"),
                        WARN,
                        "2 of 3 reversible (66%); 1 declared lossy."),
                RuleCase.of(
                        "fail: one without downgrade",
                        () -> history().downgrade("m2", "none").downgrade("m3", "lossy"),
                        FAIL,
                        "m2 has no downgrade and is not declared lossy"),
                RuleCase.of(
                        "pass: a rolled-back deployment is not judged",
                        () -> history()
                                .downgrade("m3", "none")
                                .deployment(null, "m1", at("09T10:00:00"), "rolled_back", "pipeline", 7L, true, null),
                        FAIL,
                        "m3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, RuleCase row) {
        row.check(rule);
    }
}
