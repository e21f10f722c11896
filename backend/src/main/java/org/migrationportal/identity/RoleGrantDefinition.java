package org.migrationportal.identity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A role to grant; {@code project} is required for APPROVER and must be empty for the global roles. */
public record RoleGrantDefinition(
        @NotNull Role role, @Size(max = 100) String project) {

    public RoleGrantDefinition {
        if (project != null && project.isBlank()) {
            project = null;
        }
    }
}
