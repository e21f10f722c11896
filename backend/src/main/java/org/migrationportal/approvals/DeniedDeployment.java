package org.migrationportal.approvals;

import java.time.Instant;

/** A deployment that went ahead although the gate decision it cites said {@code deny}. */
public record DeniedDeployment(
        long deploymentId,
        String toRevision,
        String commitSha,
        String status,
        Instant startedAt,
        String actorName,
        long gateDecisionId,
        Instant gateDecidedAt,
        String reasons) {}
