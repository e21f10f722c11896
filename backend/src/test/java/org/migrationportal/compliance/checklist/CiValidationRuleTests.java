package org.migrationportal.compliance.checklist;

import static org.migrationportal.compliance.checklist.Evidence.at;
import static org.migrationportal.compliance.checklist.Status.*;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CiValidationRuleTests {

    private final ChecklistRule rule = new CiValidationRule();

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
                RuleCase.of(
                        "pass: every commit passed the required checks",
                        () -> history(),
                        PASS,
                        "passed lint, heads, smoke, drift"),
                RuleCase.of(
                        "warn: a required check was skipped",
                        () -> Evidence.prod()
                                .migration("m1", null)
                                .deploy(null, "m1", at("10T10:00:00"))
                                .ciRun(
                                        "c-m1",
                                        Map.of(
                                                "lint", "passed", "heads", "passed", "smoke", "skipped", "drift",
                                                "passed")),
                        WARN,
                        "smoke was skipped"),
                RuleCase.of(
                        "fail: a required check failed",
                        () -> Evidence.prod()
                                .migration("m1", null)
                                .deploy(null, "m1", at("10T10:00:00"))
                                .ciRun(
                                        "c-m1",
                                        Map.of(
                                                "lint", "failed", "heads", "passed", "smoke", "passed", "drift",
                                                "passed")),
                        FAIL,
                        "lint failed"),
                RuleCase.of(
                        "fail: deployment arrived before its CI run (out of order)",
                        () -> Evidence.prod().migration("m1", null).deploy(null, "m1", at("10T10:00:00")),
                        FAIL,
                        "has no CI run"),
                RuleCase.of(
                        "pass: the late CI run arrived and a rerun passed",
                        () -> Evidence.prod()
                                .migration("m1", null)
                                .deploy(null, "m1", at("10T10:00:00"))
                                .ciRun("c-m1", Map.of("lint", "failed"))
                                .ciPassed("c-m1"),
                        PASS,
                        "passed"),
                RuleCase.of(
                        "pass: policy requires only lint",
                        () -> Evidence.prod()
                                .migration("m1", null)
                                .deploy(null, "m1", at("10T10:00:00"))
                                .ciRun("c-m1", Map.of("lint", "passed", "smoke", "failed"))
                                .policy(p -> new org.migrationportal.compliance.EnvironmentPolicy(
                                        p.environmentId(),
                                        2,
                                        java.util.List.of("lint"),
                                        p.reviewsRequired(),
                                        p.backupWindow(),
                                        p.lockThresholdMs(),
                                        p.driftMaxAge(),
                                        p.approvalsRequired(),
                                        p.approvalExpiry(),
                                        p.breakGlassReviewDue(),
                                        p.gateMode())),
                        PASS,
                        "passed lint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, RuleCase row) {
        row.check(rule);
    }
}
