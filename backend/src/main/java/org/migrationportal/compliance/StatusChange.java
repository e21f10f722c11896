package org.migrationportal.compliance;

import java.time.Instant;

/** One change of an item's status, with the reason and the policy version of the evaluation that made it. */
public record StatusChange(
        String environment,
        String item,
        String oldStatus,
        String newStatus,
        String reason,
        int policyVersion,
        Instant changedAt) {}
