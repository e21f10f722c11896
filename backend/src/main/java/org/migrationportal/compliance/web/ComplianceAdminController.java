package org.migrationportal.compliance.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.migrationportal.compliance.EvaluationJobs;
import org.migrationportal.compliance.EvaluationJobs.Job;
import org.migrationportal.compliance.PolicyBook;
import org.migrationportal.compliance.PolicyChange;
import org.migrationportal.shared.InvalidRequestException;
import org.migrationportal.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages: edit an environment's policy; re-evaluate a whole project with a progress bar. */
@Controller
class ComplianceAdminController {

    private final PolicyBook policies;
    private final EvaluationJobs jobs;

    ComplianceAdminController(PolicyBook policies, EvaluationJobs jobs) {
        this.policies = policies;
        this.jobs = jobs;
    }

    @GetMapping("/admin/projects/{key}/environments/{env}/policy")
    String policy(@PathVariable String key, @PathVariable String env, Model model) {
        model.addAttribute("form", PolicyForm.of(PolicyChange.of(policies.policyFor(key, env))));
        return policyPage(key, env, model);
    }

    @PostMapping("/admin/projects/{key}/environments/{env}/policy")
    String changePolicy(
            @PathVariable String key,
            @PathVariable String env,
            @Valid @ModelAttribute("form") PolicyForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        policies.policyFor(key, env);
        if (errors.hasErrors()) {
            return policyPage(key, env, model);
        }
        try {
            policies.change(key, env, form.toChange());
        } catch (InvalidRequestException invalid) {
            invalid.problems().forEach(p -> errors.rejectValue(p.field(), "invalid", p.message()));
            return policyPage(key, env, model);
        }
        redirect.addFlashAttribute("notice", "policy.saved");
        return "redirect:/projects/" + key + "/environments/" + env;
    }

    private String policyPage(String key, String env, Model model) {
        model.addAttribute("projectKey", key);
        model.addAttribute("environment", env);
        model.addAttribute("policy", policies.policyFor(key, env));
        model.addAttribute("versions", policies.history(key, env));
        return "compliance/policy-form";
    }

    @PostMapping("/admin/projects/{key}/evaluate")
    String evaluate(@PathVariable String key) {
        Job job = jobs.start(key);
        return "redirect:/admin/projects/" + key + "/evaluations/" + job.id();
    }

    @GetMapping("/admin/projects/{key}/evaluations/{id}")
    String progress(@PathVariable String key, @PathVariable String id, Model model, HttpServletRequest request) {
        Job job = jobs.find(id)
                .filter(j -> j.projectKey().equals(key))
                .orElseThrow(() -> new NotFoundException("No evaluation " + id + " for " + key + "."));
        model.addAttribute("job", job);
        // Without JavaScript the page reloads itself (a <noscript> refresh); with htmx only the fragment polls.
        // Not a Refresh header: browsers obey that with JavaScript too, reloading the whole page every second.
        return CompliancePagesController.htmx(request) ? "compliance/evaluation :: progress" : "compliance/evaluation";
    }
}
