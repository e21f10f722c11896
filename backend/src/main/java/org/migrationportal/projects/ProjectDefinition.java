package org.migrationportal.projects;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.migrationportal.shared.Slugs;

/**
 * What defines a project when it is created: the API body of {@code POST /api/v1/projects}, and the
 * command the admin form turns into. Field rules here are the cheap checks; the catalogue checks the rest.
 */
public record ProjectDefinition(
        @NotBlank @Pattern(regexp = Slugs.REGEX, message = Slugs.MESSAGE)
        String key,

        @NotBlank @Size(max = 200) String name,

        @NotBlank
        @Pattern(
                regexp = "alembic|liquibase|flyway|other",
                message = "must be one of alembic, liquibase, flyway, other")
        String migrationTool,

        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        String repositoryUrl,

        @Size(max = 200) @Pattern(regexp = "[^\\s~^:?*\\[\\\\]+", message = "must be a valid git branch name")
        String defaultBranch,

        @Valid @Size(max = 20) List<EnvironmentDefinition> environments) {

    public ProjectDefinition {
        environments = environments == null ? List.of() : environments;
        if (defaultBranch == null || defaultBranch.isBlank()) {
            defaultBranch = "main";
        }
        if (repositoryUrl != null && repositoryUrl.isBlank()) {
            repositoryUrl = null;
        }
    }
}
