package org.migrationportal.ingest;

/** A drift report was stored. */
public record DriftReportRecorded(long driftReportId, String projectKey, String environmentKey, boolean drifted) {}
