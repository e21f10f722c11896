package org.migrationportal.compliance.checklist;

import static org.migrationportal.compliance.checklist.Evidence.at;
import static org.migrationportal.compliance.checklist.Status.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StagingVerificationRuleTests {

    private final ChecklistRule rule = new StagingVerificationRule();

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
                        "pass: no verifier for a non-production environment",
                        () -> Evidence.nonProduction().migration("m1", null).deploy(null, "m1", at("10T10:00:00")),
                        PASS,
                        "needs no prior verification"),
                RuleCase.of(
                        "warn: production without a verifying environment",
                        () -> Evidence.prod().noVerifier(),
                        WARN,
                        "no verifying environment"),
                RuleCase.of("unknown: no deployment", Evidence::prod, UNKNOWN, "No deployment"),
                RuleCase.of(
                        "pass: staging first",
                        () -> Evidence.prod()
                                .migration("m1", null)
                                .migration("m2", "m1")
                                .deploy(null, "m2", at("20T10:00:00"))
                                .verified(null, "m2", at("19T10:00:00"), 300L),
                        PASS,
                        "succeeded on staging first"),
                RuleCase.of(
                        "warn: staging held a lock over 5 s",
                        () -> Evidence.prod()
                                .migration("m1", null)
                                .deploy(null, "m1", at("20T10:00:00"))
                                .verified(null, "m1", at("19T10:00:00"), 7200L),
                        WARN,
                        "m1 held a lock for 7.2 s on staging (threshold 5.0 s)"),
                RuleCase.of(
                        "fail: never on staging",
                        () -> Evidence.prod().migration("m1", null).deploy(null, "m1", at("20T10:00:00")),
                        FAIL,
                        "m1 has not succeeded on staging"),
                RuleCase.of(
                        "fail: staging succeeded only after prod (late)",
                        () -> Evidence.prod()
                                .migration("m1", null)
                                .deploy(null, "m1", at("20T10:00:00"))
                                .verified(null, "m1", at("21T10:00:00"), 100L),
                        FAIL,
                        "has not succeeded on staging before deployment"),
                RuleCase.of(
                        "pass: staging ahead of prod covers older revisions",
                        () -> Evidence.prod()
                                .migration("m1", null)
                                .migration("m2", "m1")
                                .deploy(null, "m1", at("20T10:00:00"))
                                .verified(null, "m2", at("19T10:00:00"), 100L),
                        PASS,
                        "staging"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, RuleCase row) {
        row.check(rule);
    }
}
