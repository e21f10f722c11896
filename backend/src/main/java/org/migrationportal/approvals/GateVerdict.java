package org.migrationportal.approvals;

import java.util.List;

/**
 * The deploy gate's decision from the facts {@link DeployGate} gathered, free of Spring and the database so it
 * can be tested (and mutation-tested) on its own.
 *
 * <p>A break-glass call is allowed (and flagged, audited and reviewed elsewhere). Without an assessment, because
 * no compliance engine is installed, the gate fails closed even in advisory mode: advice nobody could give is
 * not a warning. Otherwise any reason denies in enforce mode; advisory mode allows and keeps the reasons as
 * warnings.
 */
record GateVerdict(String decision, String mode) {

    static final String ADVISORY = "advisory";
    static final String ENFORCE = "enforce";

    static GateVerdict of(boolean assessed, boolean advisory, boolean emergency, List<String> reasonCodes) {
        String mode = advisory ? ADVISORY : ENFORCE;
        if (emergency) {
            return new GateVerdict(DeployGate.ALLOW, mode);
        }
        if (!assessed) {
            return new GateVerdict(DeployGate.DENY, mode);
        }
        return new GateVerdict(reasonCodes.isEmpty() || advisory ? DeployGate.ALLOW : DeployGate.DENY, mode);
    }

    boolean allows() {
        return DeployGate.ALLOW.equals(decision);
    }
}
