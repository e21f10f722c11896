package org.migrationportal.export;

import java.time.Instant;
import java.util.List;

/**
 * Everything the portal holds about one deployment to a production environment, gathered for an auditor:
 * what changed, who validated, reviewed, approved and deployed it, the backup, the staging run, and the
 * evidence gaps ({@code exceptions}) found in this record.
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
        String approvalsSource,
        List<ApprovalEvidence> approvals,
        List<String> exceptions) {

    public boolean destructive() {
        return migrations.stream().anyMatch(MigrationEvidence::destructive);
    }

    public record CiEvidence(long runId, String provider, String externalId, String url, String branch, Integer pullRequest,
                             Instant finishedAt, List<CheckEvidence> checks, List<ReviewEvidence> reviews) {}

    public record CheckEvidence(String name, String status, int findings) {}

    public record ReviewEvidence(String reviewer, String state, Instant at) {}

    public record MigrationEvidence(String revision, String description, String author, String checksum, String downgrade,
                                    boolean transactional, String phase, boolean destructive, List<OperationEvidence> operations) {}

    public record OperationEvidence(String type, String table, String column, boolean concurrently, boolean destructive) {}

    public record BackupEvidence(String backupRef, Instant takenAt, Instant verifiedAt, String method, String location) {}

    public record StagingEvidence(long deploymentId, String environmentKey, String status, Instant finishedAt, Long maxLockMs) {}

    public record ApprovalEvidence(String revision, long requestId, String requester, List<String> approvers, Instant approvedAt) {}
}
