package org.migrationportal.approvals;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One person's decision on a request. The unique (request, person) key makes N approvals N people. */
@Entity
@Table(name = "approval_decision")
class ApprovalDecision {

    static final String APPROVE = "approve";
    static final String REJECT = "reject";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_id", updatable = false)
    private long requestId;

    @Column(name = "decided_by", updatable = false)
    private String decidedBy;

    @Column(updatable = false)
    private String decision;

    @Column(updatable = false)
    private String comment;

    @Column(updatable = false)
    private String channel;

    @Column(name = "decided_at", updatable = false)
    private Instant decidedAt;

    protected ApprovalDecision() {}

    ApprovalDecision(
            long requestId, String decidedBy, String decision, String comment, String channel, Instant decidedAt) {
        this.requestId = requestId;
        this.decidedBy = decidedBy;
        this.decision = decision;
        this.comment = comment;
        this.channel = channel;
        this.decidedAt = decidedAt;
    }

    long requestId() {
        return requestId;
    }

    String decidedBy() {
        return decidedBy;
    }

    String decision() {
        return decision;
    }

    String comment() {
        return comment;
    }

    String channel() {
        return channel;
    }

    Instant decidedAt() {
        return decidedAt;
    }

    boolean approves() {
        return APPROVE.equals(decision);
    }
}
