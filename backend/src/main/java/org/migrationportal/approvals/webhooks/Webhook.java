package org.migrationportal.approvals.webhooks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A project's outbound webhook. The signing secret is kept to sign bodies and never shown after creation. */
@Entity
@Table(name = "webhook")
class Webhook {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "project_id", updatable = false)
    private long projectId;

    private String name;
    private String url;
    private String format;

    @Column(updatable = false)
    private String secret;

    private String events;
    private boolean enabled;

    @Column(name = "created_by", updatable = false)
    private String createdBy;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    protected Webhook() {}

    Webhook(
            long projectId,
            String name,
            String url,
            String format,
            String secret,
            List<String> events,
            String createdBy,
            Instant createdAt) {
        this.projectId = projectId;
        this.name = name;
        this.url = url;
        this.format = format;
        this.secret = secret;
        this.events = String.join(",", events);
        this.enabled = true;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    boolean wants(String event) {
        return enabled && events().contains(event);
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    Long id() {
        return id;
    }

    long projectId() {
        return projectId;
    }

    String name() {
        return name;
    }

    String url() {
        return url;
    }

    String format() {
        return format;
    }

    String secret() {
        return secret;
    }

    List<String> events() {
        return events.isEmpty() ? List.of() : Arrays.asList(events.split(","));
    }

    boolean enabled() {
        return enabled;
    }

    String createdBy() {
        return createdBy;
    }

    Instant createdAt() {
        return createdAt;
    }
}
