package org.migrationportal.projects;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A project as other modules and the API see it. */
public record ProjectView(
        long id,
        String key,
        String name,
        String migrationTool,
        String repositoryUrl,
        String defaultBranch,
        boolean archived,
        boolean badgeEnabled,
        Instant createdAt,
        List<EnvironmentView> environments) {

    public Optional<EnvironmentView> environment(String environmentKey) {
        return environments.stream().filter(e -> e.key().equals(environmentKey)).findFirst();
    }

    public List<EnvironmentView> productionEnvironments() {
        return environments.stream().filter(EnvironmentView::production).toList();
    }
}
