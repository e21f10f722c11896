package org.migrationportal.approvals.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.migrationportal.approvals.ApprovalDetails;
import org.migrationportal.approvals.ApprovalRequestView;
import org.migrationportal.approvals.ApprovalRequests;
import org.migrationportal.approvals.ApprovalStatus;
import org.migrationportal.approvals.Decider;
import org.migrationportal.approvals.DecisionRefusedException;
import org.migrationportal.approvals.NewApprovalRequest;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.identity.PasswordConfirmation;
import org.migrationportal.identity.UserAccounts;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.shared.ConflictException;
import org.migrationportal.shared.InvalidRequestException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approval queue, a request's page with its decision form, the re-authentication step (a decision in
 * the UI needs a password typed within the last 15 minutes) and the engineer's "request approval" form.
 */
@Controller
class ApprovalPagesController {

    static final Duration REAUTH_WINDOW = Duration.ofMinutes(15);

    private final ApprovalRequests approvals;
    private final ProjectCatalog projects;
    private final PasswordConfirmation passwordConfirmation;
    private final UserAccounts accounts;
    private final AuditTrail auditTrail;

    ApprovalPagesController(
            ApprovalRequests approvals,
            ProjectCatalog projects,
            PasswordConfirmation passwordConfirmation,
            UserAccounts accounts,
            AuditTrail auditTrail) {
        this.approvals = approvals;
        this.projects = projects;
        this.passwordConfirmation = passwordConfirmation;
        this.accounts = accounts;
        this.auditTrail = auditTrail;
    }

    @GetMapping("/approvals")
    String queue(
            @RequestParam(required = false) String project,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false, defaultValue = "pending") String status,
            Model model) {
        String statusFilter = "all".equals(status) ? null : status;
        try {
            model.addAttribute(
                    "requests", approvals.list(blankToNull(project), blankToNull(environment), statusFilter));
        } catch (InvalidRequestException invalid) {
            model.addAttribute("requests", java.util.List.of());
            model.addAttribute("filterError", invalid.getMessage());
        }
        model.addAttribute("projects", projects.list(false));
        model.addAttribute(
                "statuses",
                Arrays.stream(ApprovalStatus.values())
                        .map(ApprovalStatus::value)
                        .toList());
        model.addAttribute("project", project);
        model.addAttribute("environment", environment);
        model.addAttribute("status", status);
        return "approvals/list";
    }

    @GetMapping("/approvals/{id}")
    String show(@PathVariable long id, Model model, Authentication authentication) {
        if (!model.containsAttribute("decisionForm")) {
            model.addAttribute("decisionForm", new DecisionForm());
        }
        return show(approvals.details(id), model, authentication);
    }

    private String show(ApprovalDetails details, Model model, Authentication authentication) {
        ApprovalRequestView request = details.request();
        model.addAttribute("details", details);
        model.addAttribute("request", request);
        boolean approver =
                authorities(authentication).contains(org.migrationportal.identity.Role.approverOf(request.project()));
        model.addAttribute("mayDecide", approver && request.pending());
        model.addAttribute("isApprover", approver);
        return "approvals/show";
    }

    @PostMapping("/approvals/{id}/decisions")
    String decide(
            @PathVariable long id,
            @ModelAttribute("decisionForm") DecisionForm form,
            BindingResult binding,
            Authentication authentication,
            HttpSession session,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String username = authentication.getName();
        if (!passwordConfirmation.confirmedWithin(session, REAUTH_WINDOW)) {
            if (form.getPassword() == null || form.getPassword().isEmpty()) {
                model.addAttribute("request", approvals.get(id));
                return "approvals/reauth";
            }
            if (!accounts.passwordMatches(username, form.getPassword())) {
                auditTrail.recordStandalone(
                        AuditRecord.of("approval.reauthentication-failed").target("approval-request", id));
                model.addAttribute("request", approvals.get(id));
                model.addAttribute("passwordError", true);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                return "approvals/reauth";
            }
            passwordConfirmation.markConfirmed(session);
        }
        form.setPassword(null);
        try {
            ApprovalRequestView decided = approvals.decide(
                    id,
                    new Decider(username, authorities(authentication), "ui"),
                    form.getDecision(),
                    form.getComment());
            redirect.addFlashAttribute(
                    "notice", "approve".equals(form.getDecision()) ? "approval.approved" : "approval.rejected");
            return "redirect:/approvals/" + decided.id();
        } catch (DecisionRefusedException refused) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("refusal", refused.getMessage());
        } catch (ConflictException conflict) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("refusal", conflict.getMessage());
        } catch (InvalidRequestException invalid) {
            response.setStatus(422);
            invalid.problems().forEach(p -> binding.rejectValue(p.field(), "invalid", p.message()));
        }
        return show(approvals.details(id), model, authentication);
    }

    @GetMapping("/approvals/new")
    String newRequest(
            @RequestParam(required = false) String project,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) String revision,
            Model model) {
        RequestForm form = new RequestForm();
        form.setProject(project);
        form.setEnvironment(environment);
        form.setRevisions(revision == null ? "" : revision);
        model.addAttribute("requestForm", form);
        model.addAttribute("projects", projects.list(false));
        return "approvals/new";
    }

    @PostMapping("/approvals")
    String open(
            @ModelAttribute("requestForm") RequestForm form,
            BindingResult binding,
            Authentication authentication,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            ApprovalRequestView opened = approvals.open(
                    new NewApprovalRequest(
                            form.getProject(),
                            form.getEnvironment(),
                            Arrays.stream(form.getRevisions().split("[,\\s]+"))
                                    .filter(s -> !s.isBlank())
                                    .toList(),
                            form.getReason()),
                    authentication.getName(),
                    "ui");
            redirect.addFlashAttribute("notice", "approval.opened");
            return "redirect:/approvals/" + opened.id();
        } catch (InvalidRequestException invalid) {
            invalid.problems()
                    .forEach(p -> binding.rejectValue(
                            p.field().startsWith("revisions") ? "revisions" : p.field(), "invalid", p.message()));
        } catch (org.migrationportal.shared.NotFoundException missing) {
            binding.reject("missing", missing.getMessage());
        }
        response.setStatus(422);
        model.addAttribute("projects", projects.list(false));
        return "approvals/new";
    }

    private static Set<String> authorities(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
