package org.migrationportal.compliance.web;

import jakarta.validation.Valid;
import java.util.List;
import org.migrationportal.compliance.ComplianceDashboard;
import org.migrationportal.compliance.ComplianceEvaluator;
import org.migrationportal.compliance.EnvironmentCompliance;
import org.migrationportal.compliance.EnvironmentPolicy;
import org.migrationportal.compliance.PolicyBook;
import org.migrationportal.compliance.PolicyChange;
import org.migrationportal.identity.ApiAccess;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Compliance status and policies over the API (shape: api-examples/compliance-response.json). */
@RestController
@RequestMapping("/api/v1/projects/{key}")
class ComplianceApiController {

    private final ComplianceDashboard dashboard;
    private final ComplianceEvaluator evaluator;
    private final PolicyBook policies;
    private final ApiAccess access;

    ComplianceApiController(
            ComplianceDashboard dashboard, ComplianceEvaluator evaluator, PolicyBook policies, ApiAccess access) {
        this.access = access;
        this.dashboard = dashboard;
        this.evaluator = evaluator;
        this.policies = policies;
    }

    @GetMapping("/environments/{env}/compliance")
    @PreAuthorize("@apiAccess.mayReadEnvironment(authentication, #key, #env)")
    EnvironmentCompliance environment(@PathVariable String key, @PathVariable String env) {
        return dashboard.environment(key, env);
    }

    @GetMapping("/compliance")
    @PreAuthorize("@apiAccess.mayReadProject(authentication, #key)")
    ProjectCompliance project(@PathVariable String key, Authentication caller) {
        // An environment-restricted token sees only its environments (and the worst status among them).
        java.util.Set<String> readable = access.readableEnvironments(caller);
        List<EnvironmentCompliance> environments = dashboard.project(key).stream()
                .filter(e -> readable == null || readable.contains(e.environment()))
                .toList();
        String worst = environments.stream()
                .map(EnvironmentCompliance::status)
                .max(java.util.Comparator.comparingInt(ComplianceApiController::rank))
                .orElse("unknown");
        return new ProjectCompliance(key, worst, environments);
    }

    record ProjectCompliance(String project, String status, List<EnvironmentCompliance> environments) {}

    /** Re-evaluates now (admins): useful after a bulk import of evidence. */
    @PostMapping("/compliance/evaluate")
    @PreAuthorize("hasRole('ADMIN')")
    ProjectCompliance evaluate(@PathVariable String key) {
        evaluator.evaluateProject(key);
        return project(key, null);
    }

    @GetMapping("/environments/{env}/policy")
    @PreAuthorize("@apiAccess.mayReadEnvironment(authentication, #key, #env)")
    EnvironmentPolicy policy(@PathVariable String key, @PathVariable String env) {
        return policies.policyFor(key, env);
    }

    @PutMapping("/environments/{env}/policy")
    @PreAuthorize("hasRole('ADMIN')")
    EnvironmentPolicy changePolicy(
            @PathVariable String key, @PathVariable String env, @Valid @RequestBody PolicyChange change) {
        return policies.change(key, env, change);
    }

    static int rank(String status) {
        return switch (status) {
            case "fail" -> 3;
            case "warn" -> 2;
            case "unknown" -> 1;
            default -> 0;
        };
    }
}
