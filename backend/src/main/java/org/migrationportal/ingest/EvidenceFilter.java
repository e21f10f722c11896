package org.migrationportal.ingest;

import java.time.Instant;

/**
 * Which evidence to list. Null fields do not filter. {@code status}: a CI run's outcome
 * (passed, failed, skipped, none), a deployment's status, a backup's verified|unverified, a drift report's drifted|clean.
 * {@code from}/{@code to} bound the time the evidence is about (run start, deployment start, backup taken, drift checked).
 */
public record EvidenceFilter(
        String projectKey, String environmentKey, String status, Instant from, Instant to, int page, int size) {

    public static EvidenceFilter project(String projectKey) {
        return new EvidenceFilter(projectKey, null, null, null, null, 0, 50);
    }

    public EvidenceFilter environment(String key) {
        return new EvidenceFilter(projectKey, key, status, from, to, page, size);
    }

    public EvidenceFilter page(int page, int size) {
        return new EvidenceFilter(projectKey, environmentKey, status, from, to, page, size);
    }
}
