package org.migrationportal.projects;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.shared.ConflictException;
import org.migrationportal.shared.FieldProblem;
import org.migrationportal.shared.InvalidRequestException;
import org.migrationportal.shared.NotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The façade of the projects module: create, describe, archive projects and manage their environments. */
@Service
@Transactional(readOnly = true)
public class ProjectCatalog {

    private final ProjectRepository projects;
    private final AuditTrail auditTrail;
    private final Clock clock;

    ProjectCatalog(ProjectRepository projects, AuditTrail auditTrail, Clock clock) {
        this.projects = projects;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    public List<ProjectView> list(boolean includeArchived) {
        return projects.findAllWithEnvironments().stream()
                .filter(p -> includeArchived || !p.archived())
                .map(ProjectCatalog::view)
                .toList();
    }

    public Optional<ProjectView> find(String key) {
        return projects.findByKey(key).map(ProjectCatalog::view);
    }

    public Optional<ProjectView> findById(long id) {
        return projects.findWithEnvironmentsById(id).map(ProjectCatalog::view);
    }

    public ProjectView get(String key) {
        return find(key).orElseThrow(() -> NotFoundException.project(key));
    }

    @Transactional
    public ProjectView create(ProjectDefinition definition) {
        if (projects.existsByKey(definition.key())) {
            throw new ConflictException("key", "A project with key '" + definition.key() + "' already exists.");
        }
        validateEnvironments(definition.environments(), Set.of());
        Project project = new Project(definition.key(), clock.instant());
        project.describe(
                definition.name(),
                MigrationTool.fromKey(definition.migrationTool()),
                definition.repositoryUrl(),
                definition.defaultBranch(),
                clock.instant());
        Map<String, Environment> created = new HashMap<>();
        for (EnvironmentDefinition env : definition.environments()) {
            created.put(env.key(), project.addEnvironment(env.key()));
        }
        for (EnvironmentDefinition env : definition.environments()) {
            created.get(env.key())
                    .describe(
                            env.name(),
                            env.order(),
                            env.production(),
                            env.verifiedBy() == null ? null : created.get(env.verifiedBy()));
        }
        try {
            projects.saveAndFlush(project);
        } catch (DataIntegrityViolationException raced) {
            throw new ConflictException("key", "A project with key '" + definition.key() + "' already exists.");
        }
        auditTrail.record(AuditRecord.of("project.created")
                .project(project.key())
                .target("project", project.key())
                .details(Map.of(
                        "name",
                        project.name(),
                        "migrationTool",
                        project.migrationTool().key(),
                        "environments",
                        definition.environments().stream()
                                .map(EnvironmentDefinition::key)
                                .toList())));
        return view(project);
    }

    @Transactional
    public ProjectView update(String key, ProjectDetails details) {
        Project project = load(key);
        project.describe(
                details.name(),
                MigrationTool.fromKey(details.migrationTool()),
                details.repositoryUrl(),
                details.defaultBranch(),
                clock.instant());
        if (details.badgeEnabled() != null) {
            project.enableBadge(details.badgeEnabled(), clock.instant());
        }
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("name", details.name());
        audited.put("migrationTool", details.migrationTool());
        audited.put("defaultBranch", details.defaultBranch());
        audited.put("badgeEnabled", project.badgeEnabled());
        auditTrail.record(AuditRecord.of("project.updated")
                .project(key)
                .target("project", key)
                .details(audited));
        return view(project);
    }

    @Transactional
    public ProjectView setArchived(String key, boolean archived) {
        Project project = load(key);
        if (archived) {
            project.archive(clock.instant());
        } else {
            project.restore(clock.instant());
        }
        auditTrail.record(AuditRecord.of(archived ? "project.archived" : "project.restored")
                .project(key)
                .target("project", key));
        return view(project);
    }

    @Transactional
    public EnvironmentView addEnvironment(String projectKey, EnvironmentDefinition definition) {
        Project project = load(projectKey);
        if (project.environment(definition.key()).isPresent()) {
            throw new ConflictException(
                    "key", "Project '" + projectKey + "' already has an environment '" + definition.key() + "'.");
        }
        Set<String> existing = new HashSet<>();
        project.environments().forEach(e -> existing.add(e.key()));
        validateEnvironments(List.of(definition), existing);
        Environment environment = project.addEnvironment(definition.key());
        environment.describe(
                definition.name(),
                definition.order(),
                definition.production(),
                definition.verifiedBy() == null
                        ? null
                        : project.environment(definition.verifiedBy()).orElseThrow());
        // The project is managed: flushing persists the new environment itself (a merge would persist a copy).
        projects.flush();
        auditTrail.record(AuditRecord.of("environment.created")
                .project(projectKey)
                .environment(definition.key())
                .target("environment", projectKey + "/" + definition.key())
                .details(environmentDetails(definition)));
        return view(environment);
    }

    @Transactional
    public EnvironmentView updateEnvironment(
            String projectKey, String environmentKey, EnvironmentDefinition definition) {
        Project project = load(projectKey);
        Environment environment = project.environment(environmentKey)
                .orElseThrow(() -> NotFoundException.environment(projectKey, environmentKey));
        if (definition.verifiedBy() != null) {
            if (definition.verifiedBy().equals(environmentKey)) {
                throw new InvalidRequestException("verifiedBy", "an environment cannot verify itself");
            }
            if (project.environment(definition.verifiedBy()).isEmpty()) {
                throw new InvalidRequestException("verifiedBy", "names no environment of this project");
            }
            if (createsVerificationCycle(project, environmentKey, definition.verifiedBy())) {
                throw new InvalidRequestException("verifiedBy", "would make environments verify each other in a cycle");
            }
        }
        environment.describe(
                definition.name(),
                definition.order(),
                definition.production(),
                definition.verifiedBy() == null
                        ? null
                        : project.environment(definition.verifiedBy()).orElseThrow());
        auditTrail.record(AuditRecord.of("environment.updated")
                .project(projectKey)
                .environment(environmentKey)
                .target("environment", projectKey + "/" + environmentKey)
                .details(environmentDetails(definition)));
        return view(environment);
    }

    private static boolean createsVerificationCycle(Project project, String environmentKey, String verifiedBy) {
        String current = verifiedBy;
        Set<String> seen = new HashSet<>();
        while (current != null && seen.add(current)) {
            if (current.equals(environmentKey)) {
                return true;
            }
            Environment next =
                    project.environment(current).map(Environment::verifiedBy).orElse(null);
            current = next == null ? null : next.key();
        }
        return false;
    }

    private static Map<String, Object> environmentDetails(EnvironmentDefinition definition) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", definition.name());
        details.put("order", definition.order());
        details.put("production", definition.production());
        details.put("verifiedBy", definition.verifiedBy());
        return details;
    }

    /** Keys unique among siblings; verifiedBy names a sibling, not itself, without cycles (only new keys can be named forward). */
    private static void validateEnvironments(List<EnvironmentDefinition> environments, Set<String> existingKeys) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> keys = new HashSet<>(existingKeys);
        for (int i = 0; i < environments.size(); i++) {
            if (!keys.add(environments.get(i).key())) {
                problems.add(new FieldProblem(
                        "environments[" + i + "].key", "is used by another environment of this project"));
            }
        }
        Map<String, String> verifiedBy = new HashMap<>();
        for (int i = 0; i < environments.size(); i++) {
            EnvironmentDefinition env = environments.get(i);
            if (env.verifiedBy() == null) {
                continue;
            }
            if (env.verifiedBy().equals(env.key())) {
                problems.add(
                        new FieldProblem("environments[" + i + "].verifiedBy", "an environment cannot verify itself"));
            } else if (!keys.contains(env.verifiedBy())) {
                problems.add(
                        new FieldProblem("environments[" + i + "].verifiedBy", "names no environment of this project"));
            } else {
                verifiedBy.put(env.key(), env.verifiedBy());
            }
        }
        for (int i = 0; i < environments.size(); i++) {
            String start = environments.get(i).key();
            String current = verifiedBy.get(start);
            Set<String> seen = new HashSet<>();
            while (current != null && seen.add(current)) {
                if (current.equals(start)) {
                    problems.add(new FieldProblem(
                            "environments[" + i + "].verifiedBy", "environments verify each other in a cycle"));
                    break;
                }
                current = verifiedBy.get(current);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private Project load(String key) {
        return projects.findByKey(key).orElseThrow(() -> NotFoundException.project(key));
    }

    private static ProjectView view(Project project) {
        return new ProjectView(
                project.id(),
                project.key(),
                project.name(),
                project.migrationTool().key(),
                project.repositoryUrl(),
                project.defaultBranch(),
                project.archived(),
                project.badgeEnabled(),
                project.createdAt(),
                project.environments().stream().map(ProjectCatalog::view).toList());
    }

    private static EnvironmentView view(Environment environment) {
        return new EnvironmentView(
                environment.id(),
                environment.key(),
                environment.name(),
                environment.tierOrder(),
                environment.production(),
                environment.verifiedBy() == null
                        ? null
                        : environment.verifiedBy().key());
    }
}
