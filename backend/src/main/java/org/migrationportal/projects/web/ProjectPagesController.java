package org.migrationportal.projects.web;

import org.migrationportal.projects.ProjectCatalog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Project pages every signed-in user sees. */
@Controller
class ProjectPagesController {

    private final ProjectCatalog projects;

    ProjectPagesController(ProjectCatalog projects) {
        this.projects = projects;
    }

    @GetMapping("/projects")
    String list(Model model) {
        model.addAttribute("projects", projects.list(false));
        return "projects/list";
    }

    @GetMapping("/projects/{key}")
    String show(@PathVariable String key, Model model) {
        model.addAttribute("project", projects.get(key));
        return "projects/show";
    }
}
