package org.migrationportal.identity;

import jakarta.validation.constraints.NotNull;

/** A role to grant; {@code project} is required for APPROVER and must be empty for the global roles. */
public record RoleGrantDefinition(@NotNull Role role, String project) {

    public RoleGrantDefinition {
        if (project != null && project.isBlank()) {
            project = null;
        }
    }
}
