package org.migrationportal.compliance.checklist;

import java.util.List;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.CiRun;
import org.springframework.stereotype.Component;

/** One linear history: the latest CI run on the default branch shows a single head. */
@Component
public class SingleHeadRule implements ChecklistRule {

    public static final String KEY = "single-head";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public RuleResult evaluate(EnvironmentEvidence e) {
        CiRun run = e.latestDefaultBranchRun();
        String branch = e.project().defaultBranch();
        if (run == null) {
            return RuleResult.unknown(KEY, "No CI run on " + branch + " yet.");
        }
        if (run.headCount() > 1) {
            return new RuleResult.Builder(KEY)
                    .fail(
                            "Latest CI run on " + branch + " (" + Texts.commit(run.commitSha()) + ") shows "
                                    + run.headCount() + " heads.",
                            EvidenceLinks.ciRun(e, run))
                    .result("", List.of());
        }
        return RuleResult.pass(
                KEY,
                "Latest CI run on " + branch + " (" + Texts.commit(run.commitSha()) + ") shows a single head.",
                List.of(EvidenceLinks.ciRun(e, run)));
    }
}
