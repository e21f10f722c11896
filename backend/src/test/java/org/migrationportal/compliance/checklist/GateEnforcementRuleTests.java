package org.migrationportal.compliance.checklist;

import static org.migrationportal.compliance.checklist.Evidence.at;
import static org.migrationportal.compliance.checklist.Status.*;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.migrationportal.compliance.ApprovalRecords.GateDecisionFacts;
import org.migrationportal.compliance.EnvironmentPolicy;

class GateEnforcementRuleTests {

    private final ChecklistRule rule = new GateEnforcementRule();

    static final Instant STARTED = at("20T10:00:00");

    /** One production deployment of m2 (commit c-m2) at 10:00 on the 20th. */
    static Evidence deployed() {
        return Evidence.prod()
                .migration("m1", null)
                .migration("m2", "m1")
                .deploy("m1", "m2", STARTED)
                .ciPassed("c-m2");
    }

    /** A decision of prod (environment 3) for m2 at commit c-m2, 10 minutes before the deployment. */
    static GateDecisionFacts decision(
            long id, long environment, String revision, String commit, String answer, Instant at) {
        return new GateDecisionFacts(id, environment, revision, commit, answer, at);
    }

    static GateDecisionFacts fitting() {
        return decision(41, 3, "m2", "C-M2", "allow", STARTED.minusSeconds(600));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                RuleCase.of("unknown: no deployment", Evidence::prod, UNKNOWN, "No deployment"),
                RuleCase.of(
                        "pass: not production",
                        () -> Evidence.nonProduction().migration("m1", null).deploy(null, "m1", STARTED),
                        PASS,
                        "not a production environment"),
                RuleCase.of(
                        "pass: cites a fitting allow",
                        () -> deployed().citesGate(fitting()),
                        PASS,
                        "The only deployment to prod cited an allow"),
                RuleCase.of(
                        "fail: cites nothing",
                        GateEnforcementRuleTests::deployed,
                        FAIL,
                        "skipped the gate: cites no gate decision"),
                RuleCase.of(
                        "fail: a deny",
                        () -> deployed().citesGate(decision(41, 3, "m2", "c-m2", "deny", STARTED.minusSeconds(60))),
                        FAIL,
                        "which said deny"),
                RuleCase.of(
                        "fail: another revision",
                        () -> deployed().citesGate(decision(41, 3, "m1", "c-m2", "allow", STARTED.minusSeconds(60))),
                        FAIL,
                        "given for revision m1 not m2"),
                RuleCase.of(
                        "fail: another commit",
                        () -> deployed().citesGate(decision(41, 3, "m2", "c-other", "allow", STARTED.minusSeconds(60))),
                        FAIL,
                        "given for commit"),
                RuleCase.of(
                        "fail: another environment",
                        () -> deployed().citesGate(decision(41, 2, "m2", "c-m2", "allow", STARTED.minusSeconds(60))),
                        FAIL,
                        "given for another environment"),
                RuleCase.of(
                        "fail: older than an hour",
                        () -> deployed().citesGate(decision(41, 3, "m2", "c-m2", "allow", STARTED.minusSeconds(3601))),
                        FAIL,
                        "more than 1 h before it started"),
                RuleCase.of(
                        "warn: advisory mode",
                        () -> deployed().policy(GateEnforcementRuleTests::advisory),
                        WARN,
                        "skipped the gate"));
    }

    static EnvironmentPolicy advisory(EnvironmentPolicy p) {
        return new EnvironmentPolicy(
                p.environmentId(),
                p.version(),
                p.requiredChecks(),
                p.reviewsRequired(),
                p.backupWindow(),
                p.lockThresholdMs(),
                p.driftMaxAge(),
                p.approvalsRequired(),
                p.approvalExpiry(),
                p.breakGlassReviewDue(),
                "advisory");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, RuleCase row) {
        row.check(rule);
    }
}
