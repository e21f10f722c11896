package org.migrationportal.approvals.webhooks;

/** A new webhook with its signing secret: the only time the secret is shown. */
public record CreatedWebhook(WebhookView webhook, String secret) {}
