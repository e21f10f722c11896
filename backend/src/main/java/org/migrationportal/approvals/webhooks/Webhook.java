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

/**
 * A project's outbound webhook. The signing secret is kept to sign bodies and never shown after creation;
 * it is stored as {@link org.migrationportal.shared.SecretBox} seals it (encrypted when a key is configured).
 */
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

    @Column(name = "secret")
    private String storedSecret;

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
            String storedSecret,
            List<String> events,
            String createdBy,
            Instant createdAt) {
        this.projectId = projectId;
        this.name = name;
        this.url = url;
        this.format = format;
        this.storedSecret = storedSecret;
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

    /** The secret as stored: sealed, or clear when written before encryption or without a key. */
    String storedSecret() {
        return storedSecret;
    }

    /** Re-sealing only: the same secret under the current key. */
    void replaceStoredSecret(String storedSecret) {
        this.storedSecret = storedSecret;
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
