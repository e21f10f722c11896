package org.migrationportal.compliance;

import java.util.ArrayList;
import java.util.List;
import org.migrationportal.ingest.BackupRecorded;
import org.migrationportal.ingest.CiRunRecorded;
import org.migrationportal.ingest.DeploymentRecorded;
import org.migrationportal.ingest.DriftReportRecorded;
import org.migrationportal.ingest.MigrationChanged;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Re-evaluates exactly what an ingest event can change, after the evidence committed (delivery is tracked
 * by Spring Modulith's event publication registry, so a crash between commit and evaluation is retried).
 * A CI run or a changed migration can change every environment of its project; a deployment changes its
 * environment and the environments it verifies; a backup or drift report changes its environment only.
 */
@Component
class IngestEventListener {

    private final ComplianceEvaluator evaluator;
    private final ProjectCatalog projects;

    IngestEventListener(ComplianceEvaluator evaluator, ProjectCatalog projects) {
        this.evaluator = evaluator;
        this.projects = projects;
    }

    @ApplicationModuleListener
    void on(CiRunRecorded event) {
        evaluateAll(event.projectKey());
    }

    @ApplicationModuleListener
    void on(MigrationChanged event) {
        evaluateAll(event.projectKey());
    }

    @ApplicationModuleListener
    void on(DeploymentRecorded event) {
        ProjectView project = projects.get(event.projectKey());
        List<Long> affected = new ArrayList<>();
        for (EnvironmentView environment : project.environments()) {
            if (environment.key().equals(event.environmentKey()) || event.environmentKey().equals(environment.verifiedBy())) {
                affected.add(environment.id());
            }
        }
        evaluator.evaluateForEvent(project, affected);
    }

    @ApplicationModuleListener
    void on(BackupRecorded event) {
        evaluateOne(event.projectKey(), event.environmentKey());
    }

    @ApplicationModuleListener
    void on(DriftReportRecorded event) {
        evaluateOne(event.projectKey(), event.environmentKey());
    }

    private void evaluateAll(String projectKey) {
        ProjectView project = projects.get(projectKey);
        evaluator.evaluateForEvent(project, project.environments().stream().map(EnvironmentView::id).toList());
    }

    private void evaluateOne(String projectKey, String environmentKey) {
        ProjectView project = projects.get(projectKey);
        project.environment(environmentKey).ifPresent(e -> evaluator.evaluateForEvent(project, List.of(e.id())));
    }
}
