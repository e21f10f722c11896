package org.migrationportal.compliance.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.junit.jupiter.params.provider.Arguments;

/** One row of a rule's table: a name, the evidence, the status expected, and a fragment of the reason. */
record RuleCase(String name, Supplier<Evidence> evidence, Status expected, String reasonContains) {

    static Arguments of(String name, Supplier<Evidence> evidence, Status expected, String reasonContains) {
        return Arguments.of(name, new RuleCase(name, evidence, expected, reasonContains));
    }

    RuleResult check(ChecklistRule rule) {
        RuleResult result = rule.evaluate(evidence.get().build());
        assertThat(result.status()).as(name + ": " + result.reason()).isEqualTo(expected);
        assertThat(result.reason()).as(name).contains(reasonContains);
        assertThat(result.key()).isEqualTo(rule.key());
        return result;
    }
}
