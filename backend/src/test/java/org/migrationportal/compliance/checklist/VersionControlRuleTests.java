package org.migrationportal.compliance.checklist;

import static org.migrationportal.compliance.checklist.Evidence.at;
import static org.migrationportal.compliance.checklist.Status.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VersionControlRuleTests {

    private final ChecklistRule rule = new VersionControlRule();

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
                        "pass: all revisions manifested",
                        () -> history(),
                        PASS,
                        "All 3 deployed revisions were validated"),
                RuleCase.of(
                        "fail: a deployed revision never appeared in CI",
                        () -> history().notManifested("m2"),
                        FAIL,
                        "m2 was deployed to prod but is not in the manifest of a CI run of commit"),
                RuleCase.of(
                        "fail: deployed revision unknown to the catalogue",
                        () -> history().deploy("m3", "hotfix", at("21T10:00:00")),
                        FAIL,
                        "hotfix"),
                RuleCase.of(
                        "late: a failed deployment of an unmanifested revision is not judged",
                        () -> history()
                                .migration("m4", "m3")
                                .notManifested("m4")
                                .deployment("m3", "m4", at("21T10:00:00"), "failed", "pipeline", 7L, true, null),
                        PASS,
                        "validated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, RuleCase row) {
        row.check(rule);
    }
}
