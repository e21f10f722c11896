package org.migrationportal.approvals.webhooks;

import java.util.Map;

/**
 * Something to tell a project's webhooks: the event name ({@code approval.opened}, {@code approval.decided},
 * {@code approval.expired}, {@code approval.superseded}, {@code gate.break-glass}, {@code review.overdue}),
 * a one-line text (the Slack body) and structured data (the generic body).
 */
public record WebhookMessage(String event, String project, String environment, String text, Map<String, Object> data) {

    public WebhookMessage {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
