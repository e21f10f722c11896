package org.migrationportal.compliance.checklist;

import static org.migrationportal.compliance.checklist.Evidence.at;
import static org.migrationportal.compliance.checklist.Status.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DestructiveSafetyRuleTests {

    private final ChecklistRule rule = new DestructiveSafetyRule();

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
                RuleCase.of(
                        "pass: not production",
                        () -> Evidence.nonProduction()
                                .migration("m1", null)
                                .destructive("m1")
                                .deploy(null, "m1", at("10T10:00:00")),
                        PASS,
                        "not a production environment"),
                RuleCase.of("unknown: no deployment", Evidence::prod, UNKNOWN, "No deployment"),
                RuleCase.of("pass: nothing destructive", () -> history(), PASS, "No destructive migration"),
                RuleCase.of(
                        "pass: two approvals before the deploy by others",
                        () -> history().destructive("m3").approval("m3", "tomas", at("19T10:00:00"), "mira", "jonas"),
                        PASS,
                        "with 2 valid approvals"),
                RuleCase.of(
                        "fail: needs 2 for prod, has 1",
                        () -> history().destructive("m3").approval("m3", "tomas", at("19T10:00:00"), "mira"),
                        FAIL,
                        "m3 drops lessons.legacy_path: needs 2 approvals for prod, has 1."),
                RuleCase.of(
                        "fail: the author approval does not count",
                        () -> history().destructive("m3").approval("m3", "jonas", at("19T10:00:00"), "mira", "tomas"),
                        FAIL,
                        "has 1"),
                RuleCase.of(
                        "fail: approval granted late, after the deploy started",
                        () -> history().destructive("m3").approval("m3", "tomas", at("20T10:30:00"), "mira", "jonas"),
                        FAIL,
                        "has 0"),
                RuleCase.of(
                        "fail: no approval found",
                        () -> history().destructive("m3"),
                        FAIL,
                        "no approval found; needs 2 for prod"),
                RuleCase.of(
                        "fail: no approvals module installed",
                        () -> history().destructive("m3").noApprovalModule(),
                        FAIL,
                        "no approval found (no approvals module is installed)"),
                RuleCase.of(
                        "fail: a break-glass review is overdue",
                        () -> history().overdueReview(at("21T10:00:00")),
                        FAIL,
                        "Break-glass review"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, RuleCase row) {
        row.check(rule);
    }
}
