package org.migrationportal.projects.web;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.migrationportal.projects.EnvironmentDefinition;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectDefinition;
import org.migrationportal.projects.ProjectDetails;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PostFilter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin API for projects and environments; project tokens may read their own project. */
@RestController
@RequestMapping("/api/v1/projects")
class ProjectApiController {

    private final ProjectCatalog projects;

    ProjectApiController(ProjectCatalog projects) {
        this.projects = projects;
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<ProjectView> create(@Valid @RequestBody ProjectDefinition definition) {
        ProjectView created = projects.create(definition);
        return ResponseEntity.created(URI.create("/api/v1/projects/" + created.key()))
                .body(created);
    }

    @GetMapping
    @PostFilter("@apiAccess.mayReadProject(authentication, filterObject.key())")
    List<ProjectView> list(@RequestParam(defaultValue = "false") boolean includeArchived) {
        return new ArrayList<>(projects.list(includeArchived));
    }

    @GetMapping("/{key}")
    @PreAuthorize("@apiAccess.mayReadProject(authentication, #key)")
    ProjectView get(@PathVariable String key) {
        return projects.get(key);
    }

    @PutMapping("/{key}")
    @PreAuthorize("hasRole('ADMIN')")
    ProjectView update(@PathVariable String key, @Valid @RequestBody ProjectDetails details) {
        return projects.update(key, details);
    }

    @PostMapping("/{key}/environments")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<EnvironmentView> addEnvironment(
            @PathVariable String key, @Valid @RequestBody EnvironmentDefinition definition) {
        EnvironmentView created = projects.addEnvironment(key, definition);
        return ResponseEntity.created(URI.create("/api/v1/projects/" + key + "/environments/" + created.key()))
                .body(created);
    }

    @GetMapping("/{key}/environments/{environment}")
    @PreAuthorize("@apiAccess.mayReadProject(authentication, #key)")
    EnvironmentView environment(@PathVariable String key, @PathVariable String environment) {
        ProjectView project = projects.get(key);
        return project.environment(environment).orElseThrow(() -> NotFoundException.environment(key, environment));
    }

    @PutMapping("/{key}/environments/{environment}")
    @PreAuthorize("hasRole('ADMIN')")
    EnvironmentView updateEnvironment(
            @PathVariable String key,
            @PathVariable String environment,
            @Valid @RequestBody EnvironmentDefinition definition) {
        if (!environment.equals(definition.key())) {
            throw new org.migrationportal.shared.InvalidRequestException(
                    "key", "must equal the environment key in the path; keys never change");
        }
        return projects.updateEnvironment(key, environment, definition);
    }
}
