package org.migrationportal.compliance.checklist;

import static org.migrationportal.compliance.checklist.Evidence.at;
import static org.migrationportal.compliance.checklist.Status.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpandContractRuleTests {

    private final ChecklistRule rule = new ExpandContractRule();

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
                RuleCase.of("pass: no contract migration", () -> history(), PASS, "No contract migration"),
                RuleCase.of(
                        "pass: expand in an earlier deployment",
                        () -> history().phase("m1", "expand", null).phase("m3", "contract", "m1"),
                        PASS,
                        "followed its expand"),
                RuleCase.of(
                        "fail: expand and contract in the same deployment",
                        () -> history().phase("m2", "expand", null).phase("m3", "contract", "m2"),
                        FAIL,
                        "m3 (contract) reached prod before its expand m2"),
                RuleCase.of(
                        "warn: contract names no expand",
                        () -> history().phase("m3", "contract", null),
                        WARN,
                        "names no expand"),
                RuleCase.of(
                        "pass: expand known from the from-revision only (older deployment outside the window)",
                        () -> Evidence.prod()
                                .migration("m1", null)
                                .migration("m2", "m1")
                                .phase("m1", "expand", null)
                                .phase("m2", "contract", "m1")
                                .deploy("m1", "m2", at("20T10:00:00")),
                        PASS,
                        "followed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, RuleCase row) {
        row.check(rule);
    }
}
