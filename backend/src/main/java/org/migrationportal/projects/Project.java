package org.migrationportal.projects;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Entity
@Table(name = "project")
class Project {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "project_key", nullable = false, updatable = false)
    private String key;

    private String name;

    @Column(name = "migration_tool")
    private MigrationTool migrationTool;

    @Column(name = "repository_url")
    private String repositoryUrl;

    @Column(name = "default_branch")
    private String defaultBranch;

    private boolean archived;

    @Column(name = "badge_enabled")
    private boolean badgeEnabled;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "project", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("tierOrder, key")
    private List<Environment> environments = new ArrayList<>();

    protected Project() {}

    Project(String key, Instant now) {
        this.key = key;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void describe(String name, MigrationTool tool, String repositoryUrl, String defaultBranch, Instant now) {
        this.name = name;
        this.migrationTool = tool;
        this.repositoryUrl = repositoryUrl;
        this.defaultBranch = defaultBranch;
        this.updatedAt = now;
    }

    Environment addEnvironment(String key) {
        Environment environment = new Environment(this, key);
        environments.add(environment);
        return environment;
    }

    Optional<Environment> environment(String key) {
        return environments.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    void archive(Instant now) {
        this.archived = true;
        this.updatedAt = now;
    }

    void restore(Instant now) {
        this.archived = false;
        this.updatedAt = now;
    }

    void enableBadge(boolean enabled, Instant now) {
        this.badgeEnabled = enabled;
        this.updatedAt = now;
    }

    Long id() {
        return id;
    }

    String key() {
        return key;
    }

    String name() {
        return name;
    }

    MigrationTool migrationTool() {
        return migrationTool;
    }

    String repositoryUrl() {
        return repositoryUrl;
    }

    String defaultBranch() {
        return defaultBranch;
    }

    boolean archived() {
        return archived;
    }

    boolean badgeEnabled() {
        return badgeEnabled;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    List<Environment> environments() {
        return environments;
    }
}
