package org.migrationportal.projects;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The editable details of an existing project (its key never changes: URLs, tokens and evidence refer to it). */
public record ProjectDetails(
        @NotBlank @Size(max = 200) String name,

        @NotBlank
        @Pattern(
                regexp = "alembic|liquibase|flyway|other",
                message = "must be one of alembic, liquibase, flyway, other")
        String migrationTool,

        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        String repositoryUrl,

        @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\s~^:?*\\[\\\\]+", message = "must be a valid git branch name")
        String defaultBranch,

        Boolean badgeEnabled) {

    public ProjectDetails {
        if (repositoryUrl != null && repositoryUrl.isBlank()) {
            repositoryUrl = null;
        }
    }
}
