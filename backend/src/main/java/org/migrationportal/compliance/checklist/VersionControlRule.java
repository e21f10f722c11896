package org.migrationportal.compliance.checklist;

import java.util.LinkedHashSet;
import java.util.Set;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Deployment;
import org.springframework.stereotype.Component;

/** Migrations are committed to git: every deployed revision is in the manifest of the deployed commit's CI run. */
@Component
public class VersionControlRule implements ChecklistRule {

    public static final String KEY = "version-control";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public RuleResult evaluate(EnvironmentEvidence e) {
        if (e.applied().isEmpty()) {
            return RuleResult.unknown(KEY, "No deployment to " + e.environment().key() + " yet.");
        }
        RuleResult.Builder result = new RuleResult.Builder(KEY);
        Set<String> deployed = new LinkedHashSet<>();
        for (Deployment d : e.applied()) {
            for (String revision : d.revisions()) {
                if (deployed.add(revision) && e.migration(d, revision).isEmpty()) {
                    result.fail(
                            revision + " was deployed to " + e.environment().key()
                                    + " but is not in the manifest of a CI run of commit " + Texts.commit(d.commitSha())
                                    + ".",
                            EvidenceLinks.deployment(e, d),
                            EvidenceLinks.migration(e, revision));
                }
            }
        }
        return result.result(
                Texts.all(deployed.size(), "deployed revision was", "deployed revisions were") + " validated in CI.",
                java.util.List.of());
    }
}
