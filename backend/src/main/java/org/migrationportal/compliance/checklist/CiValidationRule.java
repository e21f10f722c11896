package org.migrationportal.compliance.checklist;

import java.util.List;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.CiRun;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Deployment;
import org.springframework.stereotype.Component;

/** Migrations are verified in CI: each deployed commit has a CI run whose required checks all passed. */
@Component
public class CiValidationRule implements ChecklistRule {

    public static final String KEY = "ci-validation";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String blockerCode() {
        return "ci-not-validated";
    }

    @Override
    public RuleResult evaluate(EnvironmentEvidence e) {
        if (e.applied().isEmpty()) {
            return RuleResult.unknown(KEY, "No deployment to " + e.environment().key() + " yet.");
        }
        List<String> required = e.policy().requiredChecks();
        RuleResult.Builder result = new RuleResult.Builder(KEY);
        for (Deployment d : e.applied()) {
            List<CiRun> runs = e.ciRunsByCommit().getOrDefault(d.commitSha(), List.of());
            if (runs.isEmpty()) {
                result.fail(
                        "Commit " + Texts.commit(d.commitSha()) + " has no CI run.", EvidenceLinks.deployment(e, d));
                continue;
            }
            CiRun allPassed = runs.stream()
                    .filter(r -> required.stream()
                            .allMatch(c -> "passed".equals(r.checks().get(c))))
                    .findFirst()
                    .orElse(null);
            if (allPassed != null) {
                continue;
            }
            CiRun passedOrSkipped = runs.stream()
                    .filter(r -> required.stream()
                            .allMatch(c -> "passed".equals(r.checks().get(c))
                                    || "skipped".equals(r.checks().get(c))))
                    .findFirst()
                    .orElse(null);
            if (passedOrSkipped != null) {
                String skipped = required.stream()
                        .filter(c -> "skipped".equals(passedOrSkipped.checks().get(c)))
                        .toList()
                        .toString();
                result.warn(
                        "Commit " + Texts.commit(d.commitSha()) + ": required check "
                                + skipped.substring(1, skipped.length() - 1) + " was skipped.",
                        EvidenceLinks.deployment(e, d),
                        EvidenceLinks.ciRun(e, passedOrSkipped));
                continue;
            }
            CiRun latest = runs.get(runs.size() - 1);
            List<String> missing = required.stream()
                    .filter(c -> !"passed".equals(latest.checks().get(c)))
                    .map(c -> c + " " + latest.checks().getOrDefault(c, "missing"))
                    .toList();
            result.fail(
                    "Commit " + Texts.commit(d.commitSha()) + " has no CI run with all required checks passed ("
                            + String.join(", ", missing) + ").",
                    EvidenceLinks.deployment(e, d),
                    EvidenceLinks.ciRun(e, latest));
        }
        long commits =
                e.applied().stream().map(Deployment::commitSha).distinct().count();
        return result.result(
                "Every deployed commit (" + commits + ") passed " + String.join(", ", required) + " in CI.", List.of());
    }
}
