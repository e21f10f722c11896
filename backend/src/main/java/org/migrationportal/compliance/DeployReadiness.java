package org.migrationportal.compliance;

import java.util.List;

/**
 * The compliance engine's answer to the gate's question (SPEC §4): which practices that can be judged
 * before a deploy would fail if this revision of this commit were applied to the environment now.
 * Implemented by the compliance module; called by the deploy gate.
 */
public interface DeployReadiness {

    Assessment assess(String projectKey, String environmentKey, String toRevision, String commitSha);

    /** An empty {@code blockers} list means every pre-deploy practice holds. */
    record Assessment(EnvironmentPolicy policy, List<Blocker> blockers) {}

    /**
     * @param code stable, documented reason code: {@code ci-not-validated}, {@code approval-missing},
     *             {@code backup-missing}, {@code staging-not-verified}, {@code contract-before-expand}, {@code drifted},
     *             {@code unknown-revision}
     */
    record Blocker(String code, String message, List<EvidenceRef> evidence) {}
}
