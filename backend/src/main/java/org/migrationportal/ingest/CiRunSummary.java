package org.migrationportal.ingest;

import java.time.Instant;

/**
 * A CI run as lists show it. {@code outcome}: failed if a check failed, else skipped if one was skipped,
 * else passed (none without checks).
 */
public record CiRunSummary(
        long id,
        String projectKey,
        String provider,
        String externalId,
        int attempt,
        String url,
        String commitSha,
        String branch,
        Integer pullRequest,
        Instant startedAt,
        Instant finishedAt,
        int headCount,
        Instant receivedAt,
        Long tokenId,
        String outcome) {}
