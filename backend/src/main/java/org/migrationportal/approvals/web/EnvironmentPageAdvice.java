package org.migrationportal.approvals.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.migrationportal.approvals.DeployGate;
import org.migrationportal.projects.ProjectCatalog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives the environment page (owned by compliance, which may not depend on approvals) the deployments that went
 * ahead against a gate {@code deny}; the page includes {@code approvals/fragments :: deniedDeployments}.
 */
@ControllerAdvice(annotations = Controller.class)
class EnvironmentPageAdvice {

    private static final String ENVIRONMENT_PAGE = "/projects/{key}/environments/{env}";
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final DeployGate gate;
    private final ProjectCatalog projects;

    EnvironmentPageAdvice(DeployGate gate, ProjectCatalog projects) {
        this.gate = gate;
        this.projects = projects;
    }

    @ModelAttribute
    void deniedDeployments(HttpServletRequest request, Model model) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!"GET".equals(request.getMethod()) || !PATHS.match(ENVIRONMENT_PAGE, path)) {
            return;
        }
        Map<String, String> variables = PATHS.extractUriTemplateVariables(ENVIRONMENT_PAGE, path);
        projects.find(variables.get("key"))
                .flatMap(p -> p.environment(variables.get("env")))
                .ifPresent(environment ->
                        model.addAttribute("deniedDeployments", gate.deploymentsAgainstDeny(environment.id())));
    }
}
