package org.migrationportal.audit;

import java.time.Instant;

/**
 * Which audit entries to list or export. Null fields do not filter. {@code action} matches a prefix
 * ({@code approval.} finds every approval action); {@code from} is inclusive, {@code to} exclusive.
 */
public record AuditEntryFilter(
        String projectKey, String environmentKey, String actor, String action, Instant from, Instant to) {

    public static AuditEntryFilter all() {
        return new AuditEntryFilter(null, null, null, null, null, null);
    }
}
