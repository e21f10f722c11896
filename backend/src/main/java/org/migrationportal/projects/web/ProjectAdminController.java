package org.migrationportal.projects.web;

import jakarta.validation.Valid;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.ConflictException;
import org.migrationportal.shared.FieldProblem;
import org.migrationportal.shared.InvalidRequestException;
import org.migrationportal.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages: create, edit and archive projects; add and edit environments. */
@Controller
@RequestMapping("/admin/projects")
class ProjectAdminController {

    private final ProjectCatalog projects;

    ProjectAdminController(ProjectCatalog projects) {
        this.projects = projects;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("projects", projects.list(true));
        return "projects/admin-list";
    }

    @GetMapping("/new")
    String newProject(Model model) {
        model.addAttribute("form", new ProjectForm());
        model.addAttribute("editing", false);
        return "projects/form";
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("form") ProjectForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                ProjectView created = projects.create(form.toDefinition());
                redirect.addFlashAttribute("notice", "project.created");
                return "redirect:/admin/projects/" + created.key();
            } catch (ConflictException taken) {
                errors.rejectValue("key", "taken", taken.getMessage());
            } catch (InvalidRequestException invalid) {
                reject(errors, invalid);
            }
        }
        model.addAttribute("editing", false);
        return "projects/form";
    }

    @GetMapping("/{key}")
    String edit(@PathVariable String key, Model model) {
        ProjectView project = projects.get(key);
        model.addAttribute("project", project);
        model.addAttribute("form", ProjectForm.of(project));
        model.addAttribute("editing", true);
        return "projects/form";
    }

    @PostMapping("/{key}")
    String update(
            @PathVariable String key,
            @Valid @ModelAttribute("form") ProjectForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        form.setKey(key);
        if (!errors.hasErrors()) {
            projects.update(key, form.toDetails());
            redirect.addFlashAttribute("notice", "project.saved");
            return "redirect:/admin/projects/" + key;
        }
        model.addAttribute("project", projects.get(key));
        model.addAttribute("editing", true);
        return "projects/form";
    }

    @PostMapping("/{key}/archive")
    String archive(
            @PathVariable String key,
            @RequestParam(defaultValue = "true") boolean archived,
            RedirectAttributes redirect) {
        projects.setArchived(key, archived);
        redirect.addFlashAttribute("notice", archived ? "project.archived" : "project.restored");
        return "redirect:/admin/projects";
    }

    @GetMapping("/{key}/environments/new")
    String newEnvironment(@PathVariable String key, Model model) {
        ProjectView project = projects.get(key);
        EnvironmentForm form = new EnvironmentForm();
        form.setOrder(project.environments().stream()
                        .mapToInt(EnvironmentView::order)
                        .max()
                        .orElse(0)
                + 1);
        model.addAttribute("project", project);
        model.addAttribute("form", form);
        model.addAttribute("editing", false);
        return "projects/environment-form";
    }

    @PostMapping("/{key}/environments")
    String addEnvironment(
            @PathVariable String key,
            @Valid @ModelAttribute("form") EnvironmentForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                projects.addEnvironment(key, form.toDefinition());
                redirect.addFlashAttribute("notice", "environment.saved");
                return "redirect:/admin/projects/" + key;
            } catch (ConflictException taken) {
                errors.rejectValue("key", "taken", taken.getMessage());
            } catch (InvalidRequestException invalid) {
                reject(errors, invalid);
            }
        }
        model.addAttribute("project", projects.get(key));
        model.addAttribute("editing", false);
        return "projects/environment-form";
    }

    @GetMapping("/{key}/environments/{environment}")
    String editEnvironment(@PathVariable String key, @PathVariable String environment, Model model) {
        ProjectView project = projects.get(key);
        EnvironmentView view =
                project.environment(environment).orElseThrow(() -> NotFoundException.environment(key, environment));
        model.addAttribute("project", project);
        model.addAttribute("form", EnvironmentForm.of(view));
        model.addAttribute("editing", true);
        return "projects/environment-form";
    }

    @PostMapping("/{key}/environments/{environment}")
    String updateEnvironment(
            @PathVariable String key,
            @PathVariable String environment,
            @Valid @ModelAttribute("form") EnvironmentForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        form.setKey(environment);
        if (!errors.hasErrors()) {
            try {
                projects.updateEnvironment(key, environment, form.toDefinition());
                redirect.addFlashAttribute("notice", "environment.saved");
                return "redirect:/admin/projects/" + key;
            } catch (InvalidRequestException invalid) {
                reject(errors, invalid);
            }
        }
        model.addAttribute("project", projects.get(key));
        model.addAttribute("editing", true);
        return "projects/environment-form";
    }

    /** Domain problems name API fields ("environments[2].verifiedBy"); on a form they belong to the matching input. */
    private static void reject(BindingResult errors, InvalidRequestException invalid) {
        for (FieldProblem problem : invalid.problems()) {
            String field = problem.field().contains(".")
                    ? problem.field().substring(problem.field().lastIndexOf('.') + 1)
                    : problem.field();
            if (errors.getFieldType(field) != null) {
                errors.rejectValue(field, "invalid", problem.message());
            } else {
                errors.reject("invalid", problem.message());
            }
        }
    }
}
