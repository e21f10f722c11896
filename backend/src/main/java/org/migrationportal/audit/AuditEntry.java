package org.migrationportal.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An audit entry row. Insert-only: there are no setters, and the database rejects UPDATE and DELETE. */
@Entity
@Table(name = "audit_entry")
class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", updatable = false)
    private Instant occurredAt;

    @Column(updatable = false)
    private String actor;

    @Column(name = "actor_type", updatable = false)
    private String actorType;

    @Column(updatable = false)
    private String action;

    @Column(name = "project_key", updatable = false)
    private String projectKey;

    @Column(name = "environment_key", updatable = false)
    private String environmentKey;

    @Column(name = "target_type", updatable = false)
    private String targetType;

    @Column(name = "target_id", updatable = false)
    private String targetId;

    @Column(name = "client_address", updatable = false)
    private String clientAddress;

    @Column(updatable = false)
    private String details;

    protected AuditEntry() {}

    AuditEntry(Instant occurredAt, String actor, String actorType, String action, String projectKey,
               String environmentKey, String targetType, String targetId, String clientAddress, String details) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.actorType = actorType;
        this.action = action;
        this.projectKey = projectKey;
        this.environmentKey = environmentKey;
        this.targetType = targetType;
        this.targetId = targetId;
        this.clientAddress = clientAddress;
        this.details = details;
    }

    Long id() { return id; }
    Instant occurredAt() { return occurredAt; }
    String actor() { return actor; }
    String actorType() { return actorType; }
    String action() { return action; }
    String projectKey() { return projectKey; }
    String environmentKey() { return environmentKey; }
    String targetType() { return targetType; }
    String targetId() { return targetId; }
    String clientAddress() { return clientAddress; }
    String details() { return details; }
}
