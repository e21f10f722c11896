package org.migrationportal.compliance.checklist;

import java.time.Instant;
import java.util.List;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Backup;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Deployment;
import org.springframework.stereotype.Component;

/** Backups before destructive operations: a production deployment with destructive migrations follows a fresh backup. */
@Component
public class PreMigrationBackupRule implements ChecklistRule {

    public static final String KEY = "pre-migration-backup";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String blockerCode() {
        return "backup-missing";
    }

    @Override
    public RuleResult evaluate(EnvironmentEvidence e) {
        String env = e.environment().key();
        if (!e.environment().production()) {
            return RuleResult.pass(
                    KEY, env + " is not a production environment: no pre-migration backup required.", List.of());
        }
        if (e.applied().isEmpty()) {
            return RuleResult.unknown(KEY, "No deployment to " + env + " yet.");
        }
        String window = Texts.duration(e.policy().backupWindow());
        RuleResult.Builder result = new RuleResult.Builder(KEY);
        int destructiveDeployments = 0;
        for (Deployment d : e.applied()) {
            boolean destructive = d.revisions().stream()
                    .anyMatch(r -> e.migration(d, r).map(m -> m.isDestructive()).orElse(false));
            if (!destructive) {
                continue;
            }
            destructiveDeployments++;
            Instant from = d.startedAt().minus(e.policy().backupWindow());
            List<Backup> fresh = e.backups().stream()
                    .filter(b -> !b.takenAt().isBefore(from) && !b.takenAt().isAfter(d.startedAt()))
                    .toList();
            String which = e.prospective() ? "this deploy" : "deployment " + d.id();
            if (fresh.isEmpty()) {
                result.fail(
                        "No backup of " + env + " in the " + window + " before " + which + ".",
                        EvidenceLinks.deployment(e, d));
            } else if (fresh.stream().noneMatch(b -> b.verifiedAt() != null)) {
                Backup latest = fresh.get(0);
                result.warn(
                        "Backup " + latest.ref() + " before " + which + " was never verified by a restore.",
                        EvidenceLinks.deployment(e, d),
                        EvidenceLinks.backup(e, latest));
            }
        }
        return result.result(
                destructiveDeployments == 0
                        ? "No destructive deployment to " + env + " in the judged deployments."
                        : "Every destructive deployment (" + destructiveDeployments
                                + ") followed a verified backup taken within " + window + ".",
                List.of());
    }
}
