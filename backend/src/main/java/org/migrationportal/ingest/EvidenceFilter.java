package org.migrationportal.ingest;

import java.time.Instant;
import java.util.Set;

/**
 * Which evidence to list. Null fields do not filter. {@code status}: a CI run's outcome
 * (passed, failed, skipped, none), a deployment's status, a backup's verified|unverified, a drift report's drifted|clean.
 * {@code from}/{@code to} bound the time the evidence is about (run start, deployment start, backup taken, drift checked).
 * {@code readableEnvironments}: the environments the caller may read (an environment-restricted token), null for all;
 * it limits deployments, backups and drift reports (CI runs belong to no environment).
 */
public record EvidenceFilter(
        String projectKey,
        String environmentKey,
        String status,
        Instant from,
        Instant to,
        int page,
        int size,
        Set<String> readableEnvironments) {

    public EvidenceFilter {
        readableEnvironments = readableEnvironments == null ? null : Set.copyOf(readableEnvironments);
    }

    public EvidenceFilter(
            String projectKey, String environmentKey, String status, Instant from, Instant to, int page, int size) {
        this(projectKey, environmentKey, status, from, to, page, size, null);
    }

    public static EvidenceFilter project(String projectKey) {
        return new EvidenceFilter(projectKey, null, null, null, null, 0, 50);
    }

    public EvidenceFilter environment(String key) {
        return new EvidenceFilter(projectKey, key, status, from, to, page, size, readableEnvironments);
    }

    public EvidenceFilter page(int page, int size) {
        return new EvidenceFilter(projectKey, environmentKey, status, from, to, page, size, readableEnvironments);
    }
}
