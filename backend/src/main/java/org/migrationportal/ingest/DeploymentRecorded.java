package org.migrationportal.ingest;

/** A deployment was stored or moved to a new status. */
public record DeploymentRecorded(
        long deploymentId, String projectKey, String environmentKey, String toRevision, String status) {}
