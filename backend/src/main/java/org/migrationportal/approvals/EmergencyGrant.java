package org.migrationportal.approvals;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An admin allowed this project token to break glass at the gate ({@code "emergency": true}). */
@Entity
@Table(name = "gate_emergency_grant")
class EmergencyGrant {

    @Id
    @Column(name = "token_id")
    private Long tokenId;

    @Column(name = "project_id", updatable = false)
    private long projectId;

    @Column(name = "granted_by", updatable = false)
    private String grantedBy;

    @Column(name = "granted_at", updatable = false)
    private Instant grantedAt;

    protected EmergencyGrant() {}

    EmergencyGrant(long tokenId, long projectId, String grantedBy, Instant grantedAt) {
        this.tokenId = tokenId;
        this.projectId = projectId;
        this.grantedBy = grantedBy;
        this.grantedAt = grantedAt;
    }

    Long tokenId() {
        return tokenId;
    }

    long projectId() {
        return projectId;
    }
}
