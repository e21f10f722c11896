package org.migrationportal.export;

import java.time.Instant;

/**
 * What a report or bundle covers: a period ({@code from} inclusive, {@code to} exclusive, both required),
 * optionally one project and environment, and how many change records to sample (with an optional seed).
 */
public record ReportRequest(
        Instant from, Instant to, String projectKey, String environmentKey, int sampleSize, Long seed) {

    public ChangeRecordFilter changeRecordFilter() {
        return new ChangeRecordFilter(projectKey, environmentKey, from, to);
    }

    public boolean wholeTrail() {
        return projectKey == null && environmentKey == null;
    }
}
