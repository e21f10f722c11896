package org.migrationportal.approvals;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A request to apply named migrations, bound to their checksums, to one environment ({@code kind=approval}),
 * or the retroactive review of a break-glass deploy ({@code kind=review}). Both are decided the same way.
 * The version column stops two concurrent approvals from both counting against a stale total.
 */
@Entity
@Table(name = "approval_request")
class ApprovalRequest {

    static final String KIND_APPROVAL = "approval";
    static final String KIND_REVIEW = "review";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "project_id", updatable = false)
    private long projectId;

    @Column(name = "environment_id", updatable = false)
    private long environmentId;

    @Column(updatable = false)
    private String kind;

    private String status;

    @Column(name = "requested_by", updatable = false)
    private String requestedBy;

    @Column(name = "opened_by", updatable = false)
    private String openedBy;

    @Column(updatable = false)
    private String origin;

    @Column(name = "ci_run_id", updatable = false)
    private Long ciRunId;

    @Column(name = "gate_decision_id", updatable = false)
    private Long gateDecisionId;

    @Column(updatable = false)
    private String reason;

    @Column(name = "approvals_required", updatable = false)
    private int approvalsRequired;

    @Column(name = "policy_version", updatable = false)
    private int policyVersion;

    @Column(name = "opened_at", updatable = false)
    private Instant openedAt;

    @Column(name = "expires_at", updatable = false)
    private Instant expiresAt;

    @Column(name = "due_at", updatable = false)
    private Instant dueAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "closed_reason")
    private String closedReason;

    @Column(name = "overdue_notified_at")
    private Instant overdueNotifiedAt;

    @Version
    private int version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "approval_request_migration", joinColumns = @JoinColumn(name = "request_id"))
    @OrderColumn(name = "position")
    private List<RequestedMigration> migrations = new ArrayList<>();

    protected ApprovalRequest() {}

    ApprovalRequest(
            long projectId,
            long environmentId,
            String kind,
            String requestedBy,
            String openedBy,
            String origin,
            Long ciRunId,
            Long gateDecisionId,
            String reason,
            int approvalsRequired,
            int policyVersion,
            Instant openedAt,
            Instant expiresAt,
            Instant dueAt,
            List<RequestedMigration> migrations) {
        this.projectId = projectId;
        this.environmentId = environmentId;
        this.kind = kind;
        this.status = ApprovalStatus.PENDING.value();
        this.requestedBy = requestedBy;
        this.openedBy = openedBy;
        this.origin = origin;
        this.ciRunId = ciRunId;
        this.gateDecisionId = gateDecisionId;
        this.reason = reason;
        this.approvalsRequired = approvalsRequired;
        this.policyVersion = policyVersion;
        this.openedAt = openedAt;
        this.expiresAt = expiresAt;
        this.dueAt = dueAt;
        this.migrations = new ArrayList<>(migrations);
    }

    void close(ApprovalStatus newStatus, Instant at, String why) {
        this.status = newStatus.value();
        this.closedAt = at;
        this.closedReason = why;
    }

    void markOverdueNotified(Instant at) {
        this.overdueNotifiedAt = at;
    }

    boolean pending() {
        return ApprovalStatus.PENDING.value().equals(status);
    }

    boolean review() {
        return KIND_REVIEW.equals(kind);
    }

    Long id() {
        return id;
    }

    long projectId() {
        return projectId;
    }

    long environmentId() {
        return environmentId;
    }

    String kind() {
        return kind;
    }

    String status() {
        return status;
    }

    String requestedBy() {
        return requestedBy;
    }

    String openedBy() {
        return openedBy;
    }

    String origin() {
        return origin;
    }

    Long ciRunId() {
        return ciRunId;
    }

    Long gateDecisionId() {
        return gateDecisionId;
    }

    String reason() {
        return reason;
    }

    int approvalsRequired() {
        return approvalsRequired;
    }

    int policyVersion() {
        return policyVersion;
    }

    Instant openedAt() {
        return openedAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant dueAt() {
        return dueAt;
    }

    Instant closedAt() {
        return closedAt;
    }

    String closedReason() {
        return closedReason;
    }

    List<RequestedMigration> migrations() {
        return migrations;
    }
}
