package org.migrationportal.approvals;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * "May this pipeline apply {@code toRevision} of {@code commitSha} to {@code environment} now?"
 * With {@code emergency: true} and a {@code reason}, a token an admin allowed to break glass gets an allow
 * that is flagged, audited and opens a retroactive review.
 */
public record GateRequest(
        @NotBlank @Size(max = 100) String project,
        @NotBlank @Size(max = 100) String environment,
        @NotBlank @Size(max = 128) String toRevision,

        @NotBlank @Pattern(regexp = "[0-9a-fA-F]{7,40}", message = "must be 7 to 40 hexadecimal characters")
        String commitSha,

        Boolean emergency,
        @Size(max = 4000) String reason) {

    public boolean isEmergency() {
        return Boolean.TRUE.equals(emergency);
    }
}
