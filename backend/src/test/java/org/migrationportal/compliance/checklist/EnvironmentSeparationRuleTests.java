package org.migrationportal.compliance.checklist;

import static org.migrationportal.compliance.checklist.Evidence.at;
import static org.migrationportal.compliance.checklist.Status.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvironmentSeparationRuleTests {

    private final ChecklistRule rule = new EnvironmentSeparationRule();

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
                                .deployment(null, "m1", at("10T10:00:00"), "succeeded", "human", null, false, null),
                        PASS,
                        "not a production environment"),
                RuleCase.of("unknown: no deployment to prod", Evidence::prod, UNKNOWN, "No deployment"),
                RuleCase.of("pass: pipelines with restricted tokens", () -> history(), PASS, "restricted to it"),
                RuleCase.of(
                        "fail: a human deployed to prod",
                        () -> history().deployment("m3", "m3", at("21T10:00:00"), "failed", "human", null, false, null),
                        FAIL,
                        "run by a human"),
                RuleCase.of(
                        "fail: token valid for every environment",
                        () -> history()
                                .deployment("m3", "m3", at("21T10:00:00"), "succeeded", "pipeline", 9L, false, null),
                        FAIL,
                        "not restricted to prod"),
                RuleCase.of(
                        "fail: no token recorded",
                        () -> history()
                                .deployment("m3", "m3", at("21T10:00:00"), "succeeded", "pipeline", null, false, null),
                        FAIL,
                        "carries no token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, RuleCase row) {
        row.check(rule);
    }
}
