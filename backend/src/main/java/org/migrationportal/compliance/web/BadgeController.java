package org.migrationportal.compliance.web;

import java.time.Duration;
import org.migrationportal.compliance.ComplianceDashboard;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** A public SVG status badge per project and environment, for READMEs; 404 unless an admin enabled badges for the project. */
@RestController
class BadgeController {

    private final ProjectCatalog projects;
    private final ComplianceDashboard dashboard;

    BadgeController(ProjectCatalog projects, ComplianceDashboard dashboard) {
        this.projects = projects;
        this.dashboard = dashboard;
    }

    @GetMapping("/badges/{project}/{environment}.svg")
    ResponseEntity<String> badge(@PathVariable String project, @PathVariable String environment) {
        ProjectView view = projects.find(project)
                .filter(ProjectView::badgeEnabled)
                .filter(p -> !p.archived())
                .orElseThrow(() -> new NotFoundException("No badge for " + project + "."));
        if (view.environment(environment).isEmpty()) {
            throw new NotFoundException("No badge for " + project + "/" + environment + ".");
        }
        String status = dashboard.environment(project, environment).status();
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("image/svg+xml"))
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(svg(environment, status));
    }

    static String svg(String label, String status) {
        String text = switch (status) {
            case "pass" -> "compliant";
            case "warn" -> "warning";
            case "fail" -> "failing";
            default -> "unknown";
        };
        String colour = switch (status) {
            case "pass" -> "#146c43";
            case "warn" -> "#b58105";
            case "fail" -> "#b02a37";
            default -> "#6c757d";
        };
        String left = HtmlUtils.htmlEscape("migrations " + label);
        int leftWidth = 10 + left.length() * 7;
        int rightWidth = 10 + text.length() * 7;
        int width = leftWidth + rightWidth;
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20" role="img" aria-label="%s: %s">
                <title>%s: %s</title>
                <rect width="%d" height="20" fill="#555"/><rect x="%d" width="%d" height="20" fill="%s"/>
                <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
                <text x="5" y="14">%s</text><text x="%d" y="14">%s</text></g></svg>
                """.formatted(
                width, left, text, left, text, leftWidth, leftWidth, rightWidth, colour, left, leftWidth + 5, text);
    }
}
