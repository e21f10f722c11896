package org.migrationportal.export;

import java.time.Instant;
import java.util.List;

/**
 * Everything the portal holds about one deployment to a production environment, gathered for an auditor:
 * what changed, who validated, reviewed, approved and deployed it, the backup, the staging run, and the
 * approval requests covering its migrations with every decision, the gate decision it cited, the checklist
 * items as they stood after it, and the evidence gaps ({@code exceptions}) found in this record.
 */
public record ChangeRecord(
        long deploymentId,
        String projectKey,
        String environmentKey,
        String provider,
        String externalId,
        int attempt,
        String url,
        String commitSha,
        String fromRevision,
        String toRevision,
        String status,
        Instant startedAt,
        Instant finishedAt,
        String deployerType,
        String deployerName,
        Long maxLockMs,
        Long gateDecisionId,
        CiEvidence ci,
        List<MigrationEvidence> migrations,
        BackupEvidence backup,
        StagingEvidence stagingVerification,
        List<ApprovalEvidence> approvals,
        GateEvidence gate,
        ComplianceEvidence compliance,
        List<String> exceptions) {

    public boolean destructive() {
        return migrations.stream().anyMatch(MigrationEvidence::destructive);
    }

    public record CiEvidence(
            long runId,
            String provider,
            String externalId,
            String url,
            String branch,
            Integer pullRequest,
            Instant finishedAt,
            List<CheckEvidence> checks,
            List<ReviewEvidence> reviews) {}

    public record CheckEvidence(String name, String status, int findings) {}

    public record ReviewEvidence(String reviewer, String state, Instant at) {}

    public record MigrationEvidence(
            String revision,
            String description,
            String author,
            String checksum,
            String downgrade,
            boolean transactional,
            String phase,
            boolean destructive,
            List<OperationEvidence> operations) {}

    public record OperationEvidence(
            String type, String table, String column, boolean concurrently, boolean destructive) {}

    public record BackupEvidence(
            String backupRef, Instant takenAt, Instant verifiedAt, String method, String location) {}

    public record StagingEvidence(
            long deploymentId, String environmentKey, String status, Instant finishedAt, Long maxLockMs) {}

    /**
     * An approval request (kind {@code approval}) or break-glass review (kind {@code review}) that names one of the
     * deployed migrations or reviews the cited gate decision, in any status.
     *
     * @param grantedBeforeDeployment an approval that reached {@code approved} at or before the deployment started
     */
    public record ApprovalEvidence(
            long requestId,
            String kind,
            String status,
            String requester,
            String openedBy,
            String origin,
            String reason,
            int approvalsRequired,
            Instant openedAt,
            Instant closedAt,
            String closedReason,
            List<CoveredMigration> migrations,
            List<DecisionEvidence> decisions,
            boolean grantedBeforeDeployment) {

        /** Everyone whose decision was {@code approve}, in decision order. */
        public List<String> approvers() {
            return decisions.stream()
                    .filter(d -> "approve".equals(d.decision()))
                    .map(DecisionEvidence::decidedBy)
                    .toList();
        }

        public boolean covers(MigrationEvidence migration) {
            return migrations.stream()
                    .anyMatch(m -> m.revision().equals(migration.revision())
                            && m.checksum().equals(migration.checksum()));
        }
    }

    /** A migration named by a request, with the checksum it was approved for; {@code matchesDeployed}: the deployed checksum is the same. */
    public record CoveredMigration(String revision, String checksum, boolean matchesDeployed) {}

    public record DecisionEvidence(
            String decidedBy,
            String decision,
            String comment,
            String channel,
            Instant decidedAt,
            boolean beforeDeployment) {}

    /**
     * The deploy gate decision the deployment cited ({@code gateDecisionId}).
     *
     * @param againstDeny the gate said {@code deny} and the deployment went ahead anyway
     * @param emergency a break-glass answer
     * @param reasons "code: message" for every blocker (or, in advisory mode, warning) the gate named
     */
    public record GateEvidence(
            long id,
            String decision,
            String mode,
            boolean emergency,
            String emergencyReason,
            List<String> reasons,
            int policyVersion,
            String actor,
            Instant decidedAt,
            String toRevision,
            String commitSha,
            boolean againstDeny) {}

    /**
     * The twelve checklist items of the environment as the compliance module had stored them after this
     * deployment: per item the latest status change at or before {@code asOf} (the next production deployment
     * to the same environment was received, or the time of assembly for the newest one).
     */
    public record ComplianceEvidence(Instant asOf, List<ComplianceItemEvidence> items) {

        public List<ComplianceItemEvidence> failed() {
            return items.stream().filter(i -> "fail".equals(i.status())).toList();
        }

        public List<ComplianceItemEvidence> passed() {
            return items.stream().filter(i -> "pass".equals(i.status())).toList();
        }
    }

    /** {@code changedAt} is null for an item not evaluated by then (status {@code unknown}). */
    public record ComplianceItemEvidence(String key, String status, String reason, Instant changedAt) {}
}
