package org.migrationportal.identity.web;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.migrationportal.identity.ApiTokens;
import org.migrationportal.identity.IssuedToken;
import org.migrationportal.identity.NewPersonalToken;
import org.migrationportal.identity.PasswordConfirmation;
import org.migrationportal.identity.PasswordPolicy;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.TokenScope;
import org.migrationportal.identity.UserAccounts;
import org.migrationportal.identity.UserView;
import org.migrationportal.shared.InvalidRequestException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own page: roles, password change and personal API tokens. */
@Controller
@RequestMapping("/profile")
class ProfileController {

    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final PasswordConfirmation passwordConfirmation;

    ProfileController(UserAccounts accounts, ApiTokens tokens, PasswordConfirmation passwordConfirmation) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.passwordConfirmation = passwordConfirmation;
    }

    @GetMapping
    String profile(Principal principal, Model model) {
        UserView user = accounts.get(principal.getName());
        model.addAttribute("user", user);
        model.addAttribute("tokens", tokens.personalTokens(principal.getName()));
        model.addAttribute(
                "scopes",
                TokenScope.personalScopes().stream()
                        .filter(scope -> scope != TokenScope.ADMIN || user.has(Role.ADMIN))
                        .map(TokenScope::value)
                        .toList());
        model.addAttribute(
                "defaultLifetimeDays", tokens.personalDefaultLifetime().toDays());
        model.addAttribute("maxLifetimeDays", tokens.personalMaxLifetime().toDays());
        if (!model.containsAttribute("tokenForm")) {
            model.addAttribute("tokenForm", new PersonalTokenForm());
        }
        if (!model.containsAttribute("passwordForm")) {
            model.addAttribute("passwordForm", new PasswordForm());
        }
        return "identity/profile";
    }

    /**
     * Issues a personal token. One with {@code approvals:decide} needs the password confirmed in the last 15
     * minutes: signing in counts, otherwise the password typed in the form does (and counts for the session).
     */
    @PostMapping("/tokens")
    String issue(
            Principal principal,
            HttpSession session,
            @Validated @ModelAttribute("tokenForm") PersonalTokenForm form,
            BindingResult errors,
            Model model) {
        if (form.getExpiresOn() != null && !form.getExpiresOn().isAfter(LocalDate.now(ZoneOffset.UTC))) {
            errors.rejectValue("expiresOn", "future", "must be a future date");
        }
        boolean decides = form.getScopes().contains(TokenScope.APPROVALS_DECIDE.value());
        String password = form.getPassword();
        form.setPassword(null);
        if (!errors.hasErrors()
                && decides
                && !passwordConfirmation.confirmedWithin(session, ApiTokens.REAUTHENTICATION_WINDOW)) {
            if (password == null || password.isEmpty()) {
                errors.rejectValue(
                        "password", "required", "enter your password to issue a token with approvals:decide");
            } else if (!accounts.passwordMatches(principal.getName(), password)) {
                errors.rejectValue("password", "wrong", "does not match your password");
            } else {
                passwordConfirmation.markConfirmed(session);
            }
        }
        if (errors.hasErrors()) {
            return profile(principal, model);
        }
        try {
            IssuedToken issued = tokens.issuePersonalToken(
                    principal.getName(),
                    new NewPersonalToken(
                            form.getName(),
                            form.getScopes(),
                            form.getExpiresOn() == null
                                    ? null
                                    : form.getExpiresOn().atStartOfDay().toInstant(ZoneOffset.UTC)),
                    passwordConfirmation.confirmedAt(session).orElse(null));
            // Rendered in this response, not redirected: a flash attribute would store the secret in the session table.
            model.addAttribute("issuedToken", issued);
            model.addAttribute("tokenForm", new PersonalTokenForm());
        } catch (InvalidRequestException invalid) {
            invalid.problems().forEach(p -> errors.rejectValue(formField(p.field()), "invalid", p.message()));
        }
        return profile(principal, model);
    }

    private static String formField(String field) {
        if (field.startsWith("scopes")) {
            return "scopes";
        }
        return "expiresAt".equals(field) ? "expiresOn" : field;
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(Principal principal, @PathVariable long id, RedirectAttributes redirect) {
        tokens.revokePersonalToken(principal.getName(), id);
        redirect.addFlashAttribute("notice", "token.revoked");
        return "redirect:/profile";
    }

    @PostMapping("/password")
    String changePassword(
            Principal principal,
            HttpSession session,
            @Validated @ModelAttribute("passwordForm") PasswordForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        if (!errors.hasErrors() && !form.getNewPassword().equals(form.getConfirmPassword())) {
            errors.rejectValue("confirmPassword", "mismatch", "does not match the new password");
        }
        if (!errors.hasErrors()) {
            try {
                accounts.changePassword(
                        principal.getName(), form.getCurrentPassword(), form.getNewPassword(), session.getId());
                redirect.addFlashAttribute("notice", "password.changed");
                return "redirect:/profile";
            } catch (InvalidRequestException invalid) {
                invalid.problems().forEach(p -> errors.rejectValue(p.field(), "invalid", p.message()));
            }
        }
        return profile(principal, model);
    }

    /** Form backing personal token creation. */
    public static class PersonalTokenForm {
        @NotBlank
        @Size(max = 100)
        private String name;

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate expiresOn;

        private List<String> scopes = new ArrayList<>(List.of(TokenScope.READ.value()));

        /** Only for approvals:decide when the password was not confirmed in the last 15 minutes; never kept. */
        private String password;

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

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public LocalDate getExpiresOn() {
            return expiresOn;
        }

        public void setExpiresOn(LocalDate expiresOn) {
            this.expiresOn = expiresOn;
        }
    }

    /** Form backing the password change. */
    public static class PasswordForm {
        @NotBlank
        private String currentPassword;

        @NotBlank(message = PasswordPolicy.MESSAGE)
        @PasswordPolicy.Acceptable
        private String newPassword;

        @NotBlank
        private String confirmPassword;

        public String getCurrentPassword() {
            return currentPassword;
        }

        public void setCurrentPassword(String currentPassword) {
            this.currentPassword = currentPassword;
        }

        public String getNewPassword() {
            return newPassword;
        }

        public void setNewPassword(String newPassword) {
            this.newPassword = newPassword;
        }

        public String getConfirmPassword() {
            return confirmPassword;
        }

        public void setConfirmPassword(String confirmPassword) {
            this.confirmPassword = confirmPassword;
        }
    }
}
