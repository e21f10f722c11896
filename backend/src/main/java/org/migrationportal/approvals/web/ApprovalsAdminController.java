package org.migrationportal.approvals.web;

import jakarta.servlet.http.HttpServletResponse;
import org.migrationportal.approvals.DeployGate;
import org.migrationportal.approvals.webhooks.CreatedWebhook;
import org.migrationportal.approvals.webhooks.NewWebhook;
import org.migrationportal.approvals.webhooks.Webhooks;
import org.migrationportal.identity.ApiTokens;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.shared.InvalidRequestException;
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
 * Admin pages of a project's approvals and gate settings: webhooks (secret shown once, on creation),
 * their delivery log, and which project tokens may break glass at the gate. {@code /admin/**} is admin-only.
 */
@Controller
class ApprovalsAdminController {

    private final ProjectCatalog projects;
    private final Webhooks webhooks;
    private final DeployGate gate;
    private final ApiTokens tokens;

    ApprovalsAdminController(ProjectCatalog projects, Webhooks webhooks, DeployGate gate, ApiTokens tokens) {
        this.projects = projects;
        this.webhooks = webhooks;
        this.gate = gate;
        this.tokens = tokens;
    }

    @GetMapping("/admin/projects/{key}/approvals")
    String settings(@PathVariable String key, Model model) {
        if (!model.containsAttribute("webhookForm")) {
            model.addAttribute("webhookForm", new WebhookForm());
        }
        return page(key, model);
    }

    private String page(String key, Model model) {
        model.addAttribute("project", projects.get(key));
        model.addAttribute("webhooks", webhooks.list(key));
        model.addAttribute("events", Webhooks.EVENTS);
        model.addAttribute("formats", Webhooks.FORMATS);
        model.addAttribute("tokens", tokens.projectTokens(key));
        model.addAttribute("emergencyTokenIds", gate.emergencyTokenIds(key));
        return "approvals/admin";
    }

    @PostMapping("/admin/projects/{key}/webhooks")
    String create(
            @PathVariable String key,
            @ModelAttribute("webhookForm") WebhookForm form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        try {
            CreatedWebhook created = webhooks.create(
                    key, new NewWebhook(form.getName(), form.getUrl(), form.getFormat(), form.getEvents()));
            // Rendered, not redirected: the secret must not travel in a URL or a flash attribute.
            model.addAttribute("createdWebhook", created);
            model.addAttribute("webhookForm", new WebhookForm());
        } catch (InvalidRequestException invalid) {
            invalid.problems().forEach(p -> binding.rejectValue(p.field(), "invalid", p.message()));
            response.setStatus(422);
        }
        return page(key, model);
    }

    @PostMapping("/admin/projects/{key}/webhooks/{id}/enabled")
    String enable(
            @PathVariable String key,
            @PathVariable long id,
            @RequestParam boolean enabled,
            RedirectAttributes redirect) {
        webhooks.setEnabled(key, id, enabled);
        redirect.addFlashAttribute("notice", enabled ? "webhook.enabled" : "webhook.disabled");
        return "redirect:/admin/projects/" + key + "/approvals";
    }

    @PostMapping("/admin/projects/{key}/webhooks/{id}/delete")
    String delete(@PathVariable String key, @PathVariable long id, RedirectAttributes redirect) {
        webhooks.delete(key, id);
        redirect.addFlashAttribute("notice", "webhook.deleted");
        return "redirect:/admin/projects/" + key + "/approvals";
    }

    @PostMapping("/admin/projects/{key}/break-glass/{tokenId}")
    String breakGlass(
            @PathVariable String key,
            @PathVariable long tokenId,
            @RequestParam boolean allowed,
            RedirectAttributes redirect) {
        gate.allowEmergency(key, tokenId, allowed);
        redirect.addFlashAttribute("notice", allowed ? "breakglass.allowed" : "breakglass.revoked");
        return "redirect:/admin/projects/" + key + "/approvals";
    }

    @GetMapping("/admin/projects/{key}/webhooks/deliveries")
    String deliveries(@PathVariable String key, Model model) {
        model.addAttribute("project", projects.get(key));
        model.addAttribute("deliveries", webhooks.deliveries(key, 200));
        return "approvals/deliveries";
    }
}
