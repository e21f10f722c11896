package org.migrationportal.ingest.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.migrationportal.ingest.CiRunDetail;
import org.migrationportal.ingest.DeploymentView;
import org.migrationportal.ingest.EvidenceFilter;
import org.migrationportal.ingest.EvidenceQueries;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Evidence pages of a project: CI runs, deployments per environment, backups, drift reports, migration catalogue. */
@Controller
class EvidencePagesController {

    static final int PAGE_SIZE = 25;

    /** Status → badge colour class; the badge always shows the status text too. */
    static final Map<String, String> BADGES = Map.ofEntries(
            Map.entry("passed", "status-pass"),
            Map.entry("succeeded", "status-pass"),
            Map.entry("clean", "status-pass"),
            Map.entry("verified", "status-pass"),
            Map.entry("approved", "status-pass"),
            Map.entry("reversible", "status-pass"),
            Map.entry("skipped", "status-warn"),
            Map.entry("rolled_back", "status-warn"),
            Map.entry("lossy", "status-warn"),
            Map.entry("commented", "status-unknown"),
            Map.entry("unverified", "status-warn"),
            Map.entry("failed", "status-fail"),
            Map.entry("drifted", "status-fail"),
            Map.entry("none", "status-fail"),
            Map.entry("changes_requested", "status-fail"),
            Map.entry("started", "status-unknown"));

    private final ProjectCatalog projects;
    private final EvidenceQueries queries;

    EvidencePagesController(ProjectCatalog projects, EvidenceQueries queries) {
        this.projects = projects;
        this.queries = queries;
    }

    @GetMapping("/projects/{key}/ci-runs")
    String ciRuns(
            @PathVariable String key,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) String status,
            Model model) {
        ProjectView project = page(model, key, "ci-runs");
        model.addAttribute("status", status == null || status.isBlank() ? null : status);
        model.addAttribute(
                "runs",
                queries.ciRuns(new EvidenceFilter(
                        project.key(),
                        null,
                        (String) model.getAttribute("status"),
                        null,
                        null,
                        Math.max(0, page),
                        PAGE_SIZE)));
        return "ingest/ci-runs";
    }

    @GetMapping("/ci-runs/{id}")
    String ciRun(@PathVariable long id, Model model) {
        CiRunDetail detail =
                queries.ciRun(id).orElseThrow(() -> new NotFoundException("CI run " + id + " does not exist."));
        page(model, detail.run().projectKey(), "ci-runs");
        model.addAttribute("detail", detail);
        return "ingest/ci-run";
    }

    @GetMapping("/projects/{key}/deployments")
    String deployments(@PathVariable String key, Model model) {
        ProjectView project = page(model, key, "deployments");
        Map<EnvironmentView, List<DeploymentView>> timeline = new LinkedHashMap<>();
        project.environments().stream()
                .sorted(Comparator.comparingInt(EnvironmentView::order))
                .forEach(environment -> timeline.put(
                        environment,
                        queries.deployments(EvidenceFilter.project(key)
                                        .environment(environment.key())
                                        .page(0, PAGE_SIZE))
                                .items()));
        model.addAttribute("timeline", timeline);
        return "ingest/deployments";
    }

    @GetMapping("/deployments/{id}")
    String deployment(@PathVariable long id, Model model) {
        DeploymentView deployment = queries.deployment(id)
                .orElseThrow(() -> new NotFoundException("Deployment " + id + " does not exist."));
        page(model, deployment.projectKey(), "deployments");
        model.addAttribute("deployment", deployment);
        return "ingest/deployment";
    }

    @GetMapping("/projects/{key}/backups")
    String backups(@PathVariable String key, @RequestParam(defaultValue = "0") int page, Model model) {
        ProjectView project = page(model, key, "backups");
        model.addAttribute(
                "backups", queries.backups(EvidenceFilter.project(project.key()).page(Math.max(0, page), PAGE_SIZE)));
        return "ingest/backups";
    }

    @GetMapping("/projects/{key}/drift-reports")
    String driftReports(@PathVariable String key, @RequestParam(defaultValue = "0") int page, Model model) {
        ProjectView project = page(model, key, "drift-reports");
        model.addAttribute(
                "reports",
                queries.driftReports(EvidenceFilter.project(project.key()).page(Math.max(0, page), PAGE_SIZE)));
        return "ingest/drift-reports";
    }

    @GetMapping("/projects/{key}/migrations")
    String migrations(@PathVariable String key, Model model) {
        ProjectView project = page(model, key, "migrations");
        model.addAttribute("migrations", queries.migrations(project.key()));
        return "ingest/migrations";
    }

    private ProjectView page(Model model, String key, String section) {
        ProjectView project = projects.get(key);
        model.addAttribute("project", project);
        model.addAttribute("section", section);
        model.addAttribute("badges", BADGES);
        return project;
    }
}
