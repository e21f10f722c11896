package org.migrationportal.compliance.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.migrationportal.compliance.ComplianceDashboard;
import org.migrationportal.compliance.ComplianceViews.EnvironmentPage;
import org.migrationportal.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The compliance pages: overview, project, environment checklist, and the evidence pages behind each
 * status. htmx requests ({@code HX-Request}) get just the fragment they target; the same URLs serve full pages with JS off.
 */
@Controller
class CompliancePagesController {

    private static final Set<String> STATUSES = Set.of("pass", "warn", "fail", "unknown");
    private static final Set<String> DEPLOYMENT_STATUSES = Set.of("started", "succeeded", "failed", "rolled_back");

    private final ComplianceDashboard dashboard;
    private final org.migrationportal.compliance.AnalysisReport report;

    CompliancePagesController(ComplianceDashboard dashboard, org.migrationportal.compliance.AnalysisReport report) {
        this.dashboard = dashboard;
        this.report = report;
    }

    @GetMapping("/")
    String overview(@RequestParam(required = false) String status, Model model, HttpServletRequest request) {
        String filter = status != null && STATUSES.contains(status) ? status : null;
        model.addAttribute("overview", dashboard.overview(filter));
        model.addAttribute("statusFilter", filter);
        return htmx(request) ? "compliance/fragments :: grid" : "overview";
    }

    @GetMapping("/projects/{key}")
    String project(@PathVariable String key, Model model) {
        var page = dashboard.projectPage(key);
        model.addAttribute("page", page);
        model.addAttribute("project", page.project());
        model.addAttribute("itemKeys", org.migrationportal.compliance.checklist.Checklist.KEYS);
        return "projects/show";
    }

    @GetMapping("/projects/{key}/environments/{env}")
    String environment(
            @PathVariable String key,
            @PathVariable String env,
            @RequestParam(required = false) String deploymentStatus,
            Model model,
            HttpServletRequest request) {
        String filter =
                deploymentStatus != null && DEPLOYMENT_STATUSES.contains(deploymentStatus) ? deploymentStatus : null;
        EnvironmentPage page = dashboard.environmentPage(key, env, filter);
        model.addAttribute("page", page);
        model.addAttribute("deployments", page.deployments());
        model.addAttribute("deploymentStatus", filter);
        return htmx(request) ? "compliance/fragments :: environmentDeployments" : "compliance/environment";
    }

    @GetMapping("/projects/{key}/migrations/{revision}")
    String migration(@PathVariable String key, @PathVariable String revision, Model model) {
        model.addAttribute("page", dashboard.migrationPage(key, revision));
        return "compliance/migration";
    }

    @GetMapping("/projects/{key}/deployments/{id}")
    String deployment(@PathVariable String key, @PathVariable long id, Model model) {
        model.addAttribute("page", dashboard.deploymentPage(key, id));
        return "compliance/deployment";
    }

    @GetMapping("/projects/{key}/environments/{env}/drift/{id}")
    String drift(@PathVariable String key, @PathVariable String env, @PathVariable long id, Model model) {
        model.addAttribute("projectKey", key);
        model.addAttribute("environment", env);
        model.addAttribute(
                "report",
                dashboard
                        .driftReport(key, env, id)
                        .orElseThrow(() ->
                                new NotFoundException("No drift report " + id + " for " + key + "/" + env + ".")));
        return "compliance/drift";
    }

    @GetMapping("/projects/{key}/report")
    String report(@PathVariable String key, Model model) {
        model.addAttribute("report", report.build(key));
        return "compliance/report";
    }

    @GetMapping("/projects/{key}/report.md")
    org.springframework.http.ResponseEntity<String> markdown(@PathVariable String key) {
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + key + "-migration-analysis.md\"")
                .contentType(org.springframework.http.MediaType.valueOf("text/markdown;charset=UTF-8"))
                .body(report.markdown(key));
    }

    static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request")) && request.getHeader("HX-Boosted") == null;
    }
}
