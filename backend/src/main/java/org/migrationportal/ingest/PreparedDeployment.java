package org.migrationportal.ingest;

import java.time.OffsetDateTime;
import org.migrationportal.audit.AttributedAuditRecord;

/**
 * A validated deployment event with everything its rows need, resolved on the request's thread (project and
 * environment ids, parsed times, body digest, the audit entry's actor) so it can be written on another one.
 */
record PreparedDeployment(
        DeploymentSubmission event,
        String projectKey,
        long projectId,
        String environmentKey,
        long environmentId,
        String commitSha,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        String bodySha256,
        OffsetDateTime receivedAt,
        IngestSource source,
        AttributedAuditRecord audit) {

    /** The run's natural key, in the order rows are locked (the same order everywhere, so writers never deadlock). */
    String naturalKey() {
        return projectId + "\u0000" + event.provider() + "\u0000" + event.externalId() + "\u0000" + event.attempt();
    }

    boolean sameRun(long projectId, String provider, String externalId, int attempt) {
        return this.projectId == projectId
                && event.provider().equals(provider)
                && event.externalId().equals(externalId)
                && event.attempt() == attempt;
    }
}
