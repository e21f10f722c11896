package org.migrationportal.compliance.checklist;

import static org.migrationportal.compliance.checklist.Evidence.at;
import static org.migrationportal.compliance.checklist.Status.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DriftRuleTests {

    private final ChecklistRule rule = new DriftRule();

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
                RuleCase.of("unknown: no drift report", Evidence::prod, UNKNOWN, "No drift report"),
                RuleCase.of(
                        "pass: clean and recent",
                        () -> Evidence.prod().drift(at("22T03:00:00"), false, null),
                        PASS,
                        "Clean at 2026-11-22 03:00"),
                RuleCase.of(
                        "fail: drifted",
                        () -> Evidence.prod()
                                .drift(at("22T03:00:00"), true, "+ index ix_lessons_created_at (not in migrations)"),
                        FAIL,
                        "drift detected 2026-11-22 03:00, 1 difference"),
                RuleCase.of(
                        "warn: none in 7 days",
                        () -> Evidence.prod().drift(at("10T03:00:00"), false, null),
                        WARN,
                        "No drift check of prod in 7 days"),
                RuleCase.of(
                        "fail: an old report that drifted still fails",
                        () -> Evidence.prod().drift(at("01T03:00:00"), true, "a\nb"),
                        FAIL,
                        "2 differences"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, RuleCase row) {
        row.check(rule);
    }
}
