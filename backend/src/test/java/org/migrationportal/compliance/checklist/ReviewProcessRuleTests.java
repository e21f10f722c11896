package org.migrationportal.compliance.checklist;

import static org.migrationportal.compliance.checklist.Evidence.at;
import static org.migrationportal.compliance.checklist.Status.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReviewProcessRuleTests {

    private final ChecklistRule rule = new ReviewProcessRule();

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
                        "pass: each migration approved by someone other than its author",
                        () -> history(),
                        PASS,
                        "approved in review"),
                RuleCase.of(
                        "fail: only the author approved",
                        () -> history().noReviews("m2").review("m2", "tomas", "approved"),
                        FAIL,
                        "m2 has 0 approving reviews by someone other than its author tomas"),
                RuleCase.of(
                        "fail: reviewer only commented",
                        () -> history().noReviews("m3").review("m3", "mira", "commented"),
                        FAIL,
                        "m3"),
                RuleCase.of(
                        "fail: policy needs two reviewers",
                        () -> history()
                                .policy(p -> new org.migrationportal.compliance.EnvironmentPolicy(
                                        p.environmentId(),
                                        2,
                                        p.requiredChecks(),
                                        2,
                                        p.backupWindow(),
                                        p.lockThresholdMs(),
                                        p.driftMaxAge(),
                                        p.approvalsRequired(),
                                        p.approvalExpiry(),
                                        p.breakGlassReviewDue(),
                                        p.gateMode())),
                        FAIL,
                        "needs 2"),
                RuleCase.of(
                        "pass: a late review from a second run counts",
                        () -> history()
                                .noReviews("m2")
                                .review("m2", "tomas", "approved")
                                .review("m2", "jonas", "APPROVED"),
                        PASS,
                        "approved"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, RuleCase row) {
        row.check(rule);
    }
}
