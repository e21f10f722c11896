package org.migrationportal.web;

import org.migrationportal.projects.ProjectCatalog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page: every active project with its environments. */
@Controller
class OverviewController {

    private final ProjectCatalog projects;

    OverviewController(ProjectCatalog projects) {
        this.projects = projects;
    }

    @GetMapping("/")
    String overview(Model model) {
        model.addAttribute("projects", projects.list(false));
        return "overview";
    }
}
