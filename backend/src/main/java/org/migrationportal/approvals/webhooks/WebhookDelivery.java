package org.migrationportal.approvals.webhooks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One message to one webhook: written in the transaction of the change it reports (an outbox), sent by
 * the scheduled sender, retried with exponential backoff until delivered or out of attempts.
 */
@Entity
@Table(name = "webhook_delivery")
class WebhookDelivery {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "webhook_id", updatable = false)
    private long webhookId;

    @Column(updatable = false)
    private String event;

    @Column(updatable = false)
    private String payload;

    private String status;
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "response_status")
    private Integer responseStatus;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    protected WebhookDelivery() {}

    WebhookDelivery(long webhookId, String event, String payload, Instant createdAt) {
        this.webhookId = webhookId;
        this.event = event;
        this.payload = payload;
        this.status = PENDING;
        this.createdAt = createdAt;
        this.nextAttemptAt = createdAt;
    }

    void delivered(Instant at, int httpStatus) {
        attempts++;
        status = DELIVERED;
        lastAttemptAt = at;
        deliveredAt = at;
        responseStatus = httpStatus;
        lastError = null;
        nextAttemptAt = null;
    }

    void attemptFailed(Instant at, Integer httpStatus, String error, Instant retryAt) {
        attempts++;
        lastAttemptAt = at;
        responseStatus = httpStatus;
        lastError = error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
        if (retryAt == null) {
            status = FAILED;
            nextAttemptAt = null;
        } else {
            nextAttemptAt = retryAt;
        }
    }

    Long id() {
        return id;
    }

    long webhookId() {
        return webhookId;
    }

    String event() {
        return event;
    }

    String payload() {
        return payload;
    }

    String status() {
        return status;
    }

    int attempts() {
        return attempts;
    }

    Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    Integer responseStatus() {
        return responseStatus;
    }

    String lastError() {
        return lastError;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant deliveredAt() {
        return deliveredAt;
    }
}
