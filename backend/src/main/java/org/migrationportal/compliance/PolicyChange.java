package org.migrationportal.compliance;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;

/** A new version of an environment's policy, in the units an admin thinks in. */
public record PolicyChange(
        @NotEmpty(message = "name at least one check") @Size(max = 12)
        List<
                        @Pattern(
                                regexp = "[a-z0-9][a-z0-9_-]{0,31}",
                                message = "check names are lower-case letters, digits, - and _")
                        String>
                requiredChecks,

        @NotNull @Min(1) @Max(10) Integer reviewsRequired,
        @NotNull @Min(1) @Max(720) Integer backupWindowHours,
        @NotNull @Min(0) @Max(3_600_000) Long lockThresholdMs,
        @NotNull @Min(1) @Max(365) Integer driftMaxAgeDays,
        @NotNull @Min(1) @Max(10) Integer approvalsRequired,
        @NotNull @Min(1) @Max(90) Integer approvalExpiryDays,
        @NotNull @Min(1) @Max(720) Integer breakGlassReviewHours,

        @NotNull @Pattern(regexp = "enforce|advisory", message = "must be enforce or advisory")
        String gateMode) {

    public static PolicyChange of(EnvironmentPolicy p) {
        return new PolicyChange(
                p.requiredChecks(),
                p.reviewsRequired(),
                (int) p.backupWindow().toHours(),
                p.lockThresholdMs(),
                (int) p.driftMaxAge().toDays(),
                p.approvalsRequired(),
                (int) p.approvalExpiry().toDays(),
                (int) p.breakGlassReviewDue().toHours(),
                p.gateMode());
    }

    EnvironmentPolicy toPolicy(long environmentId, int version) {
        return new EnvironmentPolicy(
                environmentId,
                version,
                List.copyOf(requiredChecks),
                reviewsRequired,
                Duration.ofHours(backupWindowHours),
                lockThresholdMs,
                Duration.ofDays(driftMaxAgeDays),
                approvalsRequired,
                Duration.ofDays(approvalExpiryDays),
                Duration.ofHours(breakGlassReviewHours),
                gateMode);
    }
}
