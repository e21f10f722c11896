package org.migrationportal.approvals;

import org.migrationportal.approvals.webhooks.WebhookSender;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When the module's jobs run; off with {@code portal.approvals.scheduling.enabled=false}. Webhook sending is
 * handed to the sender's own thread: the scheduler's thread also seals the audit chain and must never wait
 * on a receiver.
 */
@Component
@ConditionalOnProperty(name = "portal.approvals.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class ApprovalTimers {

    private final ApprovalJobs jobs;
    private final WebhookSender webhookSender;

    ApprovalTimers(ApprovalJobs jobs, WebhookSender webhookSender) {
        this.jobs = jobs;
        this.webhookSender = webhookSender;
    }

    @Scheduled(fixedDelayString = "${portal.approvals.scheduling.expiry-interval:PT1M}", initialDelayString = "PT20S")
    void expireRequests() {
        jobs.expireRequests();
    }

    @Scheduled(fixedDelayString = "${portal.approvals.scheduling.overdue-interval:PT1M}", initialDelayString = "PT25S")
    void flagOverdueReviews() {
        jobs.flagOverdueReviews();
    }

    @Scheduled(fixedDelayString = "${portal.approvals.scheduling.webhook-interval:PT10S}", initialDelayString = "PT15S")
    void sendWebhooks() {
        webhookSender.dispatch(jobs::sendWebhooks);
    }
}
