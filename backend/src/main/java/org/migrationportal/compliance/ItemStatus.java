package org.migrationportal.compliance;

import java.time.Instant;
import java.util.List;

/** The stored status of one checklist item of one environment, and since when it has held. */
public record ItemStatus(
        String key,
        String status,
        String reason,
        List<EvidenceRef> evidence,
        int policyVersion,
        Instant evaluatedAt,
        Instant changedAt) {}
