package org.migrationportal.ingest;

/** A backup was stored. */
public record BackupRecorded(long backupId, String projectKey, String environmentKey, String backupRef) {}
