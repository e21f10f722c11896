package org.migrationportal.compliance.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The codes a failing rule puts in the deploy gate's reasons (docs/api-gate.md): pipelines match on them, so
 * they are part of the contract; rules that never block have none.
 */
class ChecklistRuleBlockerCodesTests {

    @Test
    void blockingRulesNameTheirDocumentedCodes() {
        assertThat(new CiValidationRule().blockerCode()).isEqualTo("ci-not-validated");
        assertThat(new DestructiveSafetyRule().blockerCode()).isEqualTo("approval-missing");
        assertThat(new DriftRule().blockerCode()).isEqualTo("drifted");
        assertThat(new ExpandContractRule().blockerCode()).isEqualTo("contract-before-expand");
        assertThat(new PreMigrationBackupRule().blockerCode()).isEqualTo("backup-missing");
        assertThat(new StagingVerificationRule().blockerCode()).isEqualTo("staging-not-verified");
    }

    @Test
    void theOtherRulesHaveNoBlockerCode() {
        assertThat(new DowngradePathRule().blockerCode()).isNull();
        assertThat(new EnvironmentSeparationRule().blockerCode()).isNull();
        assertThat(new ReviewProcessRule().blockerCode()).isNull();
        assertThat(new SingleHeadRule().blockerCode()).isNull();
        assertThat(new TransactionalDdlRule().blockerCode()).isNull();
        assertThat(new VersionControlRule().blockerCode()).isNull();
    }
}
