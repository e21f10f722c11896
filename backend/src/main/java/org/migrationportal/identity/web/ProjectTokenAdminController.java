package org.migrationportal.identity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.migrationportal.identity.ApiTokens;
import org.migrationportal.identity.IssuedToken;
import org.migrationportal.identity.NewProjectToken;
import org.migrationportal.identity.TokenScope;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.shared.FieldProblem;
import org.migrationportal.shared.InvalidRequestException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages for a project's API tokens: issue (the value is shown once), list with last use, revoke. */
@Controller
@RequestMapping("/admin/projects/{key}/tokens")
class ProjectTokenAdminController {

    private final ApiTokens tokens;
    private final ProjectCatalog projects;

    ProjectTokenAdminController(ApiTokens tokens, ProjectCatalog projects) {
        this.tokens = tokens;
        this.projects = projects;
    }

    @GetMapping
    String list(@PathVariable String key, Model model) {
        model.addAttribute("project", projects.get(key));
        model.addAttribute("tokens", tokens.projectTokens(key));
        model.addAttribute("scopes", TokenScope.projectScopes());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new TokenForm());
        }
        return "identity/project-tokens";
    }

    @PostMapping
    String issue(
            @PathVariable String key,
            @Valid @ModelAttribute("form") TokenForm form,
            BindingResult errors,
            Model model) {
        if (form.getScopes().isEmpty()) {
            errors.rejectValue("scopes", "required", "choose at least one scope");
        }
        if (form.getExpiresOn() != null && !form.getExpiresOn().isAfter(LocalDate.now(ZoneOffset.UTC))) {
            errors.rejectValue("expiresOn", "future", "must be a future date");
        }
        if (!errors.hasErrors()) {
            try {
                IssuedToken issued = tokens.issueProjectToken(
                        key,
                        new NewProjectToken(
                                form.getName(),
                                form.getScopes(),
                                form.getEnvironments(),
                                form.getExpiresOn() == null
                                        ? null
                                        : form.getExpiresOn().atStartOfDay().toInstant(ZoneOffset.UTC)));
                // Rendered in this response, not redirected: a flash attribute would store the secret in the session
                // table.
                model.addAttribute("issuedToken", issued);
                model.addAttribute("form", new TokenForm());
                return list(key, model);
            } catch (InvalidRequestException invalid) {
                for (FieldProblem problem : invalid.problems()) {
                    errors.rejectValue("environments", "invalid", problem.message());
                }
            }
        }
        return list(key, model);
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable String key, @PathVariable long id, RedirectAttributes redirect) {
        tokens.revokeProjectToken(key, id);
        redirect.addFlashAttribute("notice", "token.revoked");
        return "redirect:/admin/projects/" + key + "/tokens";
    }

    /** Form backing the token creation form. */
    public static class TokenForm {
        @NotBlank
        @Size(max = 100)
        private String name;

        private List<String> scopes = new ArrayList<>();
        private List<String> environments = new ArrayList<>();

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate expiresOn;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public List<String> getScopes() {
            return scopes;
        }

        public void setScopes(List<String> scopes) {
            this.scopes = scopes == null ? new ArrayList<>() : scopes;
        }

        public List<String> getEnvironments() {
            return environments;
        }

        public void setEnvironments(List<String> environments) {
            this.environments = environments == null ? new ArrayList<>() : environments;
        }

        public LocalDate getExpiresOn() {
            return expiresOn;
        }

        public void setExpiresOn(LocalDate expiresOn) {
            this.expiresOn = expiresOn;
        }
    }
}
