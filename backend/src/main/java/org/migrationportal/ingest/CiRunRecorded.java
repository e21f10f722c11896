package org.migrationportal.ingest;

/** A new CI run was stored (published inside the ingest transaction, delivered after commit). */
public record CiRunRecorded(
        long ciRunId, String projectKey, String branch, String commitSha, int headCount, boolean containsDestructive) {}
