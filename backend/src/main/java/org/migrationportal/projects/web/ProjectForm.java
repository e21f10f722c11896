package org.migrationportal.projects.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.migrationportal.projects.EnvironmentDefinition;
import org.migrationportal.projects.ProjectDefinition;
import org.migrationportal.projects.ProjectDetails;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.Slugs;

/** The project form (create and edit share it; the key is fixed after creation). */
class ProjectForm {

    @NotBlank
    @Pattern(regexp = Slugs.REGEX, message = Slugs.MESSAGE)
    private String key;

    @NotBlank
    @Size(max = 200)
    private String name;

    @NotBlank
    @Pattern(regexp = "alembic|liquibase|flyway|other", message = "must be one of alembic, liquibase, flyway, other")
    private String migrationTool = "alembic";

    @Size(max = 500)
    @Pattern(regexp = "(https?://\\S+)?", message = "must be an http(s) URL")
    private String repositoryUrl;

    @NotBlank
    @Size(max = 200)
    @Pattern(regexp = "[^\\s~^:?*\\[\\\\]+", message = "must be a valid git branch name")
    private String defaultBranch = "main";

    private boolean standardEnvironments = true;

    private boolean badgeEnabled;

    static ProjectForm of(ProjectView project) {
        ProjectForm form = new ProjectForm();
        form.key = project.key();
        form.name = project.name();
        form.migrationTool = project.migrationTool();
        form.repositoryUrl = project.repositoryUrl();
        form.defaultBranch = project.defaultBranch();
        form.badgeEnabled = project.badgeEnabled();
        form.standardEnvironments = false;
        return form;
    }

    ProjectDefinition toDefinition() {
        List<EnvironmentDefinition> environments = standardEnvironments
                ? List.of(
                        new EnvironmentDefinition("dev", "Development", 1, false, null),
                        new EnvironmentDefinition("staging", "Staging", 2, false, null),
                        new EnvironmentDefinition("prod", "Production", 3, true, "staging"))
                : List.of();
        return new ProjectDefinition(key, name, migrationTool, repositoryUrl, defaultBranch, environments);
    }

    ProjectDetails toDetails() {
        return new ProjectDetails(name, migrationTool, repositoryUrl, defaultBranch, badgeEnabled);
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key == null ? null : key.strip();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? null : name.strip();
    }

    public String getMigrationTool() {
        return migrationTool;
    }

    public void setMigrationTool(String migrationTool) {
        this.migrationTool = migrationTool;
    }

    public String getRepositoryUrl() {
        return repositoryUrl;
    }

    public void setRepositoryUrl(String repositoryUrl) {
        this.repositoryUrl = repositoryUrl == null ? null : repositoryUrl.strip();
    }

    public String getDefaultBranch() {
        return defaultBranch;
    }

    public void setDefaultBranch(String defaultBranch) {
        this.defaultBranch = defaultBranch == null ? null : defaultBranch.strip();
    }

    public boolean isStandardEnvironments() {
        return standardEnvironments;
    }

    public void setStandardEnvironments(boolean standardEnvironments) {
        this.standardEnvironments = standardEnvironments;
    }

    public boolean isBadgeEnabled() {
        return badgeEnabled;
    }

    public void setBadgeEnabled(boolean badgeEnabled) {
        this.badgeEnabled = badgeEnabled;
    }
}
