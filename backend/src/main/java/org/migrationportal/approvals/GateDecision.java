package org.migrationportal.approvals;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One answer of the deploy gate, kept with the reasons it gave (JSON) so a deployment can cite it. */
@Entity
@Table(name = "gate_decision")
class GateDecision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "project_id", updatable = false)
    private long projectId;

    @Column(name = "environment_id", updatable = false)
    private long environmentId;

    @Column(name = "to_revision", updatable = false)
    private String toRevision;

    @Column(name = "commit_sha", updatable = false)
    private String commitSha;

    @Column(updatable = false)
    private String decision;

    @Column(updatable = false)
    private String mode;

    @Column(updatable = false)
    private boolean emergency;

    @Column(name = "emergency_reason", updatable = false)
    private String emergencyReason;

    @Column(updatable = false)
    private String reasons;

    @Column(name = "policy_version", updatable = false)
    private int policyVersion;

    @Column(name = "token_id", updatable = false)
    private Long tokenId;

    @Column(updatable = false)
    private String actor;

    @Column(name = "decided_at", updatable = false)
    private Instant decidedAt;

    protected GateDecision() {}

    GateDecision(
            long projectId,
            long environmentId,
            String toRevision,
            String commitSha,
            String decision,
            String mode,
            boolean emergency,
            String emergencyReason,
            String reasons,
            int policyVersion,
            Long tokenId,
            String actor,
            Instant decidedAt) {
        this.projectId = projectId;
        this.environmentId = environmentId;
        this.toRevision = toRevision;
        this.commitSha = commitSha;
        this.decision = decision;
        this.mode = mode;
        this.emergency = emergency;
        this.emergencyReason = emergencyReason;
        this.reasons = reasons;
        this.policyVersion = policyVersion;
        this.tokenId = tokenId;
        this.actor = actor;
        this.decidedAt = decidedAt;
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

    String toRevision() {
        return toRevision;
    }

    String commitSha() {
        return commitSha;
    }

    String decision() {
        return decision;
    }

    String mode() {
        return mode;
    }

    boolean emergency() {
        return emergency;
    }

    String emergencyReason() {
        return emergencyReason;
    }

    String reasons() {
        return reasons;
    }

    int policyVersion() {
        return policyVersion;
    }

    String actor() {
        return actor;
    }

    Instant decidedAt() {
        return decidedAt;
    }
}
