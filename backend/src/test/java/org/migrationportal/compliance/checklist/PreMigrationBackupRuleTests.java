package org.migrationportal.compliance.checklist;

import static org.migrationportal.compliance.checklist.Evidence.at;
import static org.migrationportal.compliance.checklist.Status.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PreMigrationBackupRuleTests {

    private final ChecklistRule rule = new PreMigrationBackupRule();

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
                        "not a production"),
                RuleCase.of("unknown: no deployment", Evidence::prod, UNKNOWN, "No deployment"),
                RuleCase.of(
                        "pass: verified backup within 24 h",
                        () -> history().destructive("m3").backup(at("20T08:00:00"), at("20T08:30:00")),
                        PASS,
                        "within 24 h"),
                RuleCase.of(
                        "warn: backup never verified",
                        () -> history().destructive("m3").backup(at("20T08:00:00"), null),
                        WARN,
                        "never verified by a restore"),
                RuleCase.of(
                        "fail: backup older than the window",
                        () -> history().destructive("m3").backup(at("18T08:00:00"), at("18T09:00:00")),
                        FAIL,
                        "No backup of prod in the 24 h before deployment"),
                RuleCase.of(
                        "fail: backup taken after the deploy started (late)",
                        () -> history().destructive("m3").backup(at("20T11:00:00"), at("20T11:30:00")),
                        FAIL,
                        "No backup"),
                RuleCase.of(
                        "pass: backup posted late but taken before",
                        () -> history().destructive("m3").backup(at("20T09:59:00"), at("21T09:00:00")),
                        PASS,
                        "verified backup"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, RuleCase row) {
        row.check(rule);
    }
}
