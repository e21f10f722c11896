package org.migrationportal.compliance.checklist;

import java.util.List;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Migration;
import org.springframework.stereotype.Component;

/** Migrations are reversible: every deployed migration has a downgrade; declared-lossy ones warn. */
@Component
public class DowngradePathRule implements ChecklistRule {

    public static final String KEY = "downgrade-path";

    @Override
    public String key() {
        return KEY;
    }

    /** Share of reversible migrations among these, 0–100 (100 when there are none). */
    public static int coverage(List<Migration> migrations) {
        if (migrations.isEmpty()) {
            return 100;
        }
        long reversible = migrations.stream()
                .filter(m -> "reversible".equals(m.downgrade()))
                .count();
        return (int) Math.floor(100.0 * reversible / migrations.size());
    }

    @Override
    public RuleResult evaluate(EnvironmentEvidence e) {
        if (e.applied().isEmpty()) {
            return RuleResult.unknown(KEY, "No deployment to " + e.environment().key() + " yet.");
        }
        List<Migration> migrations = e.appliedMigrations();
        long reversible = migrations.stream()
                .filter(m -> "reversible".equals(m.downgrade()))
                .count();
        long lossy =
                migrations.stream().filter(m -> "lossy".equals(m.downgrade())).count();
        String counts = reversible + " of " + migrations.size() + " reversible (" + coverage(migrations) + "%)";
        RuleResult.Builder result = new RuleResult.Builder(KEY);
        List<Migration> none = migrations.stream()
                .filter(m -> !"reversible".equals(m.downgrade()) && !"lossy".equals(m.downgrade()))
                .toList();
        for (Migration m : none) {
            result.fail(
                    counts + "; " + m.revision() + " has no downgrade and is not declared lossy.",
                    EvidenceLinks.migration(e, m.revision()));
        }
        for (Migration m : migrations) {
            if ("lossy".equals(m.downgrade())) {
                result.warn(
                        counts + "; " + Texts.plural(lossy, "declared lossy", "declared lossy") + ".",
                        EvidenceLinks.migration(e, m.revision()));
            }
        }
        RuleResult built = result.result(counts + ".", List.of());
        // One line per result, not "(+n more)" for the repeated lossy summary.
        if (built.status() == Status.WARN) {
            return new RuleResult(
                    KEY, Status.WARN, counts + "; " + lossy + " declared lossy.", built.evidence(), built.findings());
        }
        return built;
    }
}
