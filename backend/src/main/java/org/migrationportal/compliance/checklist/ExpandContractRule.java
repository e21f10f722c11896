package org.migrationportal.compliance.checklist;

import java.util.List;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Deployment;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Migration;
import org.springframework.stereotype.Component;

/** Breaking changes use expand/contract: a contract migration runs only after its expand was deployed in an earlier deployment. */
@Component
public class ExpandContractRule implements ChecklistRule {

    public static final String KEY = "expand-contract";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String blockerCode() {
        return "contract-before-expand";
    }

    @Override
    public RuleResult evaluate(EnvironmentEvidence e) {
        String env = e.environment().key();
        if (e.applied().isEmpty()) {
            return RuleResult.unknown(KEY, "No deployment to " + env + " yet.");
        }
        RuleResult.Builder result = new RuleResult.Builder(KEY);
        int contracts = 0;
        List<Deployment> applied = e.applied();
        for (Deployment d : applied) {
            for (String revision : d.revisions()) {
                Migration m = e.migration(d, revision).orElse(null);
                if (m == null || !"contract".equals(m.phase())) {
                    continue;
                }
                contracts++;
                String expand = m.expandRevision();
                if (expand == null) {
                    result.warn(
                            revision + " is a contract migration that names no expand migration.",
                            EvidenceLinks.migration(e, revision));
                    continue;
                }
                boolean before = d.fromRevision() != null
                                && e.graph().ancestorsOrSelf(d.fromRevision()).contains(expand)
                        || applied.stream()
                                .anyMatch(p -> p != d
                                        && p.startedAt().isBefore(d.startedAt())
                                        && p.revisions().contains(expand));
                if (!before) {
                    result.fail(
                            revision + " (contract) " + (e.prospective() ? "would reach " : "reached ") + env
                                    + " before its expand " + expand + " was deployed there in an earlier deployment.",
                            EvidenceLinks.deployment(e, d),
                            EvidenceLinks.migration(e, revision));
                }
            }
        }
        return result.result(
                contracts == 0
                        ? "No contract migration in the judged deployments."
                        : "Every contract migration (" + contracts + ") followed its expand in an earlier deployment.",
                List.of());
    }
}
