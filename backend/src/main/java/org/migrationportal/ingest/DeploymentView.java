package org.migrationportal.ingest;

import java.time.Instant;
import java.util.List;

/**
 * A deployment (one pipeline run against an environment) with its current status.
 * {@code tokenRestricted}: the posting token was restricted to named environments including this one.
 */
public record DeploymentView(
        long id,
        String projectKey,
        String environmentKey,
        String provider,
        String externalId,
        int attempt,
        String url,
        String commitSha,
        String fromRevision,
        String toRevision,
        String status,
        Instant startedAt,
        Instant finishedAt,
        String actorType,
        String actorName,
        Long tokenId,
        boolean tokenRestricted,
        Long maxLockMs,
        String backupId,
        Long gateDecisionId,
        Instant receivedAt,
        Instant updatedAt,
        List<StatusEvent> events) {

    /** One status event of the run as it arrived. */
    public record StatusEvent(String status, Instant receivedAt, Long tokenId) {}
}
