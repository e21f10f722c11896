package org.migrationportal.identity.web;

import jakarta.validation.Valid;
import org.migrationportal.identity.NewUser;
import org.migrationportal.identity.PasswordPolicy;
import org.migrationportal.identity.UserAccounts;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.shared.ConflictException;
import org.migrationportal.shared.FieldProblem;
import org.migrationportal.shared.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages for users and their role grants. */
@Controller
@RequestMapping("/admin/users")
class UserAdminController {

    private final UserAccounts accounts;
    private final ProjectCatalog projects;

    UserAdminController(UserAccounts accounts, ProjectCatalog projects) {
        this.accounts = accounts;
        this.projects = projects;
    }

    @ModelAttribute("allProjects")
    Object allProjects() {
        return projects.list(false);
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("users", accounts.list());
        return "identity/users";
    }

    @GetMapping("/new")
    String newUser(Model model) {
        model.addAttribute("form", new UserForm());
        model.addAttribute("editing", false);
        return "identity/user-form";
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("form") UserForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        if (!errors.hasFieldErrors("password")) {
            PasswordPolicy.problem(form.getPassword())
                    .ifPresent(problem -> errors.rejectValue("password", "length", problem));
        }
        if (!errors.hasErrors()) {
            try {
                accounts.create(
                        new NewUser(form.getUsername(), form.getDisplayName(), form.getPassword(), form.roles()));
                redirect.addFlashAttribute("notice", "user.created");
                return "redirect:/admin/users";
            } catch (ConflictException taken) {
                errors.rejectValue("username", "taken", taken.getMessage());
            } catch (InvalidRequestException invalid) {
                reject(errors, invalid);
            }
        }
        model.addAttribute("editing", false);
        return "identity/user-form";
    }

    @GetMapping("/{username}")
    String edit(@PathVariable String username, Model model) {
        model.addAttribute("form", UserForm.of(accounts.get(username)));
        model.addAttribute("editing", true);
        return "identity/user-form";
    }

    @PostMapping("/{username}")
    String update(
            @PathVariable String username,
            @Valid @ModelAttribute("form") UserForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        form.setUsername(username);
        boolean resetPassword =
                form.getPassword() != null && !form.getPassword().isBlank();
        if (resetPassword && !errors.hasFieldErrors("password")) {
            PasswordPolicy.problem(form.getPassword())
                    .ifPresent(problem -> errors.rejectValue("password", "length", problem));
        }
        if (!errors.hasErrors()) {
            try {
                accounts.update(username, form.getDisplayName(), form.isEnabled(), form.roles());
                if (resetPassword) {
                    accounts.resetPassword(username, form.getPassword());
                }
                redirect.addFlashAttribute("notice", "user.saved");
                return "redirect:/admin/users";
            } catch (InvalidRequestException invalid) {
                reject(errors, invalid);
            }
        }
        model.addAttribute("editing", true);
        return "identity/user-form";
    }

    private static void reject(BindingResult errors, InvalidRequestException invalid) {
        for (FieldProblem problem : invalid.problems()) {
            errors.reject("invalid", problem.field() + " " + problem.message());
        }
    }
}
