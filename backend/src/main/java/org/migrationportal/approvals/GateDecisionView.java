package org.migrationportal.approvals;

import java.time.Instant;
import java.util.List;

/**
 * A stored answer of the deploy gate as a deployment cites it.
 *
 * @param decision {@code allow} or {@code deny}
 * @param mode {@code enforce} or {@code advisory} (advisory decisions allow and keep the reasons as warnings)
 * @param emergency a break-glass answer (allowed despite the reasons, reviewed afterwards)
 * @param reasons the blockers (or warnings) the gate named, code and message
 */
public record GateDecisionView(
        long id,
        String project,
        String environment,
        String toRevision,
        String commitSha,
        String decision,
        String mode,
        boolean emergency,
        String emergencyReason,
        List<Reason> reasons,
        int policyVersion,
        String actor,
        Instant decidedAt) {

    public record Reason(String code, String message) {}

    public boolean denied() {
        return DeployGate.DENY.equals(decision);
    }
}
