package org.migrationportal.compliance;

import java.time.Duration;
import java.util.List;

/**
 * The policy in force for one environment (SPEC §3 defaults). Every change creates a new version;
 * evaluations and gate decisions record the version they used.
 *
 * @param gateMode {@code enforce} (deny blocks) or {@code advisory} (allow, reasons as warnings)
 */
public record EnvironmentPolicy(
        long environmentId,
        int version,
        List<String> requiredChecks,
        int reviewsRequired,
        Duration backupWindow,
        long lockThresholdMs,
        Duration driftMaxAge,
        int approvalsRequired,
        Duration approvalExpiry,
        Duration breakGlassReviewDue,
        String gateMode) {

    public static final List<String> DEFAULT_REQUIRED_CHECKS = List.of("lint", "heads", "smoke", "drift");

    /** SPEC §3 defaults: production needs 2 approvals, other environments 1. */
    public static EnvironmentPolicy defaults(long environmentId, boolean production) {
        return new EnvironmentPolicy(
                environmentId,
                0,
                DEFAULT_REQUIRED_CHECKS,
                1,
                Duration.ofHours(24),
                5_000,
                Duration.ofDays(7),
                production ? 2 : 1,
                Duration.ofDays(7),
                Duration.ofHours(48),
                "enforce");
    }

    public boolean advisory() {
        return "advisory".equals(gateMode);
    }
}
