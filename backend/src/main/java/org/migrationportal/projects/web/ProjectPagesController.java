package org.migrationportal.projects.web;

import org.migrationportal.projects.ProjectCatalog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

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

    // GET /projects/{key} is served by the compliance module (it renders projects/show.html with the
    // project's compliance, which this module cannot depend on).
}
