package org.migrationportal.compliance.checklist;

import org.migrationportal.compliance.EvidenceRef;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Backup;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.CiRun;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Deployment;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.DriftReport;

/** Builds evidence references pointing at the portal's own evidence pages. */
public final class EvidenceLinks {

    private EvidenceLinks() {}

    public static EvidenceRef deployment(EnvironmentEvidence e, Deployment d) {
        return new EvidenceRef(
                "deployment", String.valueOf(d.id()), "/projects/" + e.project().key() + "/deployments/" + d.id());
    }

    public static EvidenceRef migration(EnvironmentEvidence e, String revision) {
        return new EvidenceRef("migration", revision, "/projects/" + e.project().key() + "/migrations/" + revision);
    }

    public static EvidenceRef ciRun(EnvironmentEvidence e, CiRun run) {
        return new EvidenceRef("ci-run", String.valueOf(run.id()), "/ci-runs/" + run.id());
    }

    public static EvidenceRef backup(EnvironmentEvidence e, Backup backup) {
        return new EvidenceRef(
                "backup",
                String.valueOf(backup.id()),
                "/projects/" + e.project().key() + "/environments/"
                        + e.environment().key() + "#backup-" + backup.id());
    }

    public static EvidenceRef drift(EnvironmentEvidence e, DriftReport report) {
        return new EvidenceRef(
                "drift-report",
                String.valueOf(report.id()),
                "/projects/" + e.project().key() + "/environments/"
                        + e.environment().key() + "/drift/" + report.id());
    }

    public static EvidenceRef approval(long requestId) {
        return new EvidenceRef("approval", String.valueOf(requestId), "/approvals/" + requestId);
    }
}
