package org.migrationportal.export;

import java.time.Instant;

/** Production deployments to include: by project, environment and deployment start ({@code from} inclusive, {@code to} exclusive). */
public record ChangeRecordFilter(String projectKey, String environmentKey, Instant from, Instant to) {}
