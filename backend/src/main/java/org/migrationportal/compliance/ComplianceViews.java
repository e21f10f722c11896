package org.migrationportal.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.migrationportal.projects.ProjectView;

/** Read models of the compliance pages (records only; built by {@link ComplianceDashboard}). */
public final class ComplianceViews {

    private ComplianceViews() {}

    /** One environment's summary for the overview grid. */
    public record EnvironmentSummary(
            String environment,
            boolean production,
            String status,
            int pass,
            int warn,
            int fail,
            int unknown,
            int policyVersion,
            Instant evaluatedAt) {}

    public record ProjectRow(ProjectView project, List<EnvironmentSummary> environments) {
        public int failing() {
            return environments.stream().mapToInt(EnvironmentSummary::fail).sum();
        }

        public int warning() {
            return environments.stream().mapToInt(EnvironmentSummary::warn).sum();
        }
    }

    public record DeploymentRow(
            long id,
            String project,
            String environment,
            String fromRevision,
            String toRevision,
            String commitSha,
            String status,
            Instant startedAt,
            Instant finishedAt,
            String actorType,
            String actorName,
            Long maxLockMs,
            String backupRef,
            String url) {}

    /** Share of passing items per day, 0–100 (null when nothing was evaluated yet that day). */
    public record Trend(List<String> days, List<Integer> passingPercent) {}

    public record Overview(
            List<ProjectRow> projects,
            int failing,
            int warning,
            long pendingApprovals,
            List<DeploymentRow> latestDeployments,
            Trend trend) {}

    /** Which revision an environment runs, how far behind the head, and since when. */
    public record RevisionCell(String environment, String revision, int behind, Instant since, String status) {}

    public record ProjectPage(
            ProjectView project,
            List<EnvironmentCompliance> environments,
            List<RevisionCell> revisions,
            String head,
            int downgradeCoverage,
            int migrations,
            Trend trend,
            List<DeploymentRow> latestDeployments) {}

    public record BackupRow(
            long id, String ref, Instant takenAt, Long sizeBytes, String location, String method, Instant verifiedAt) {}

    public record DriftRow(long id, Instant checkedAt, boolean drifted, String diff) {}

    public record EnvironmentPage(
            ProjectView project,
            String environment,
            boolean production,
            String verifiedBy,
            EnvironmentCompliance checklist,
            EnvironmentPolicy policy,
            List<DeploymentRow> deployments,
            List<BackupRow> backups,
            List<DriftRow> driftReports,
            List<StatusChange> history,
            String currentRevision) {}

    public record OperationRow(String type, String table, String column, boolean concurrently, boolean destructive) {}

    public record CiRunRow(
            long id,
            String provider,
            String externalId,
            int attempt,
            String url,
            String commitSha,
            String branch,
            Integer pullRequest,
            Instant startedAt,
            int headCount,
            Map<String, String> checks,
            List<String> approvers) {}

    public record Placement(String environment, boolean deployed, String currentRevision) {}

    public record ApprovalRow(
            String environment, long requestId, String requester, List<String> approvers, Instant approvedAt) {}

    public record MigrationPage(
            ProjectView project,
            long id,
            String revision,
            List<String> parents,
            String description,
            String author,
            String checksum,
            List<String> checksumHistory,
            String downgrade,
            boolean transactional,
            String phase,
            String expandRevision,
            boolean destructive,
            List<OperationRow> operations,
            List<CiRunRow> ciRuns,
            List<Placement> placements,
            boolean approvalsAvailable,
            List<ApprovalRow> approvals) {}

    public record DeploymentPage(
            ProjectView project, DeploymentRow deployment, List<String> revisions, List<CiRunRow> ciRuns) {}
}
