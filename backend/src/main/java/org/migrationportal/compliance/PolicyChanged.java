package org.migrationportal.compliance;

/** Published (synchronously, inside the change's transaction) when an environment gets a new policy version. */
public record PolicyChanged(String projectKey, String environmentKey, long environmentId, int version) {}
