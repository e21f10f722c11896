package org.migrationportal.compliance.checklist;

import java.util.List;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.DriftReport;
import org.springframework.stereotype.Component;

/** Drift fails CI and is fixed by hand: the latest drift report is clean and recent. */
@Component
public class DriftRule implements ChecklistRule {

    public static final String KEY = "drift";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String blockerCode() {
        return "drifted";
    }

    @Override
    public RuleResult evaluate(EnvironmentEvidence e) {
        DriftReport report = e.latestDrift();
        String env = e.environment().key();
        if (report == null) {
            return RuleResult.unknown(KEY, "No drift report for " + env + " yet.");
        }
        RuleResult.Builder result = new RuleResult.Builder(KEY);
        if (report.drifted()) {
            long differences = report.diff() == null
                    ? 0
                    : report.diff().lines().filter(l -> !l.isBlank()).count();
            result.fail(
                    env + " drifted: drift detected " + Texts.time(report.checkedAt()) + ", "
                            + Texts.plural(Math.max(differences, 1), "difference", "differences") + ".",
                    EvidenceLinks.drift(e, report));
        } else if (report.checkedAt().isBefore(e.now().minus(e.policy().driftMaxAge()))) {
            result.warn(
                    "No drift check of " + env + " in "
                            + Texts.duration(e.policy().driftMaxAge()) + " (last " + Texts.time(report.checkedAt())
                            + ").",
                    EvidenceLinks.drift(e, report));
        }
        return result.result(
                "Clean at " + Texts.time(report.checkedAt()) + ".", List.of(EvidenceLinks.drift(e, report)));
    }
}
