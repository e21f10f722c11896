package org.migrationportal.compliance.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Arrays;
import org.migrationportal.compliance.PolicyChange;

/** The policy form as an admin fills it in (required checks comma-separated). */
class PolicyForm {

    @NotBlank(message = "name at least one check")
    @Pattern(
            regexp = "\\s*[a-z0-9][a-z0-9_-]{0,31}(\\s*,\\s*[a-z0-9][a-z0-9_-]{0,31}){0,11}\\s*",
            message = "comma-separated check names: lower-case letters, digits, - and _")
    private String requiredChecks;

    @NotNull
    @Min(1)
    @Max(10)
    private Integer reviewsRequired;

    @NotNull
    @Min(1)
    @Max(720)
    private Integer backupWindowHours;

    @NotNull
    @Min(0)
    @Max(3_600_000)
    private Long lockThresholdMs;

    @NotNull
    @Min(1)
    @Max(365)
    private Integer driftMaxAgeDays;

    @NotNull
    @Min(1)
    @Max(10)
    private Integer approvalsRequired;

    @NotNull
    @Min(1)
    @Max(90)
    private Integer approvalExpiryDays;

    @NotNull
    @Min(1)
    @Max(720)
    private Integer breakGlassReviewHours;

    @NotNull
    @Pattern(regexp = "enforce|advisory", message = "must be enforce or advisory")
    private String gateMode;

    static PolicyForm of(PolicyChange change) {
        PolicyForm form = new PolicyForm();
        form.requiredChecks = String.join(", ", change.requiredChecks());
        form.reviewsRequired = change.reviewsRequired();
        form.backupWindowHours = change.backupWindowHours();
        form.lockThresholdMs = change.lockThresholdMs();
        form.driftMaxAgeDays = change.driftMaxAgeDays();
        form.approvalsRequired = change.approvalsRequired();
        form.approvalExpiryDays = change.approvalExpiryDays();
        form.breakGlassReviewHours = change.breakGlassReviewHours();
        form.gateMode = change.gateMode();
        return form;
    }

    PolicyChange toChange() {
        return new PolicyChange(
                Arrays.stream(requiredChecks.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .distinct()
                        .toList(),
                reviewsRequired,
                backupWindowHours,
                lockThresholdMs,
                driftMaxAgeDays,
                approvalsRequired,
                approvalExpiryDays,
                breakGlassReviewHours,
                gateMode);
    }

    public String getRequiredChecks() {
        return requiredChecks;
    }

    public void setRequiredChecks(String v) {
        requiredChecks = v;
    }

    public Integer getReviewsRequired() {
        return reviewsRequired;
    }

    public void setReviewsRequired(Integer v) {
        reviewsRequired = v;
    }

    public Integer getBackupWindowHours() {
        return backupWindowHours;
    }

    public void setBackupWindowHours(Integer v) {
        backupWindowHours = v;
    }

    public Long getLockThresholdMs() {
        return lockThresholdMs;
    }

    public void setLockThresholdMs(Long v) {
        lockThresholdMs = v;
    }

    public Integer getDriftMaxAgeDays() {
        return driftMaxAgeDays;
    }

    public void setDriftMaxAgeDays(Integer v) {
        driftMaxAgeDays = v;
    }

    public Integer getApprovalsRequired() {
        return approvalsRequired;
    }

    public void setApprovalsRequired(Integer v) {
        approvalsRequired = v;
    }

    public Integer getApprovalExpiryDays() {
        return approvalExpiryDays;
    }

    public void setApprovalExpiryDays(Integer v) {
        approvalExpiryDays = v;
    }

    public Integer getBreakGlassReviewHours() {
        return breakGlassReviewHours;
    }

    public void setBreakGlassReviewHours(Integer v) {
        breakGlassReviewHours = v;
    }

    public String getGateMode() {
        return gateMode;
    }

    public void setGateMode(String v) {
        gateMode = v;
    }
}
