package org.migrationportal.approvals.webhooks;

import java.util.List;

/** @param format {@code slack} ({"text": …}) or {@code generic} (event, project, environment, text, data, occurredAt) */
public record NewWebhook(String name, String url, String format, List<String> events) {}
