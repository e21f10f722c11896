package org.migrationportal.compliance;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.migrationportal.compliance.checklist.Checklist;
import org.migrationportal.compliance.checklist.ChecklistRule;
import org.migrationportal.compliance.checklist.EnvironmentEvidence;
import org.migrationportal.compliance.checklist.RuleResult;
import org.migrationportal.compliance.checklist.Status;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The deploy gate's assessment: the same checklist rules as the stored checklist, run prospectively over a
 * planned deployment of the requested revision (range = current revision → requested revision).
 */
@Service
class ChecklistDeployReadiness implements DeployReadiness {

    private final ProjectCatalog projects;
    private final EvidenceReader reader;
    private final Checklist checklist;
    private final Clock clock;

    ChecklistDeployReadiness(ProjectCatalog projects, EvidenceReader reader, Checklist checklist, Clock clock) {
        this.projects = projects;
        this.reader = reader;
        this.checklist = checklist;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Assessment assess(String projectKey, String environmentKey, String toRevision, String commitSha) {
        ProjectView project = projects.get(projectKey);
        EnvironmentView environment = project.environment(environmentKey)
                .orElseThrow(() -> NotFoundException.environment(projectKey, environmentKey));
        EnvironmentEvidence evidence = reader.prospective(project, environment, clock.instant(), toRevision, commitSha);
        List<Blocker> blockers = new ArrayList<>();
        EnvironmentEvidence.Deployment planned = evidence.deployments().get(0);
        if (evidence.manifest(planned).isPresent()
                && evidence.migration(planned, toRevision).isEmpty()) {
            blockers.add(new Blocker(
                    "unknown-revision",
                    toRevision + " is not in the manifest of the CI run of commit " + commitSha + ".",
                    List.of()));
        }
        for (ChecklistRule rule : checklist.preDeployRules()) {
            RuleResult result = rule.evaluate(evidence);
            for (RuleResult.Finding finding : result.findings()) {
                if (finding.status() == Status.FAIL) {
                    // The planned deployment has no page yet: keep links to real evidence only.
                    blockers.add(new Blocker(
                            rule.blockerCode(),
                            finding.message(),
                            finding.evidence().stream()
                                    .filter(ref -> !("deployment".equals(ref.type()) && "0".equals(ref.id())))
                                    .toList()));
                }
            }
        }
        return new Assessment(evidence.policy(), blockers);
    }
}
