package org.migrationportal.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate's decision logic alone: enforce, advisory, break-glass and an assessment nobody could make. */
class GateVerdictTests {

    static final List<String> NONE = List.of();
    static final List<String> BLOCKED = List.of("approval-missing");

    @Test
    void enforceModeAllowsOnlyWithoutReasons() {
        assertThat(GateVerdict.of(true, false, false, NONE)).isEqualTo(new GateVerdict("allow", "enforce"));
        assertThat(GateVerdict.of(true, false, false, BLOCKED)).isEqualTo(new GateVerdict("deny", "enforce"));
    }

    @Test
    void advisoryModeAllowsAndKeepsItsMode() {
        assertThat(GateVerdict.of(true, true, false, BLOCKED)).isEqualTo(new GateVerdict("allow", "advisory"));
        assertThat(GateVerdict.of(true, true, false, NONE)).isEqualTo(new GateVerdict("allow", "advisory"));
    }

    @Test
    void withoutAnAssessmentTheGateFailsClosedEvenInAdvisoryMode() {
        List<String> unavailable = List.of(DeployGate.ASSESSMENT_UNAVAILABLE);
        assertThat(GateVerdict.of(false, false, false, unavailable)).isEqualTo(new GateVerdict("deny", "enforce"));
        assertThat(GateVerdict.of(false, true, false, unavailable)).isEqualTo(new GateVerdict("deny", "advisory"));
        assertThat(GateVerdict.of(false, false, false, NONE).allows()).isFalse();
    }

    @Test
    void breakGlassAllowsWhateverBlocks() {
        assertThat(GateVerdict.of(true, false, true, BLOCKED)).isEqualTo(new GateVerdict("allow", "enforce"));
        assertThat(GateVerdict.of(false, false, true, List.of(DeployGate.ASSESSMENT_UNAVAILABLE))
                        .allows())
                .isTrue();
    }
}
