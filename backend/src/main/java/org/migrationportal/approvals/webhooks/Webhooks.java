package org.migrationportal.approvals.webhooks;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.FieldProblem;
import org.migrationportal.shared.InvalidRequestException;
import org.migrationportal.shared.NotFoundException;
import org.migrationportal.shared.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-project outbound webhooks: management (admins), the outbox ({@link #notify} writes delivery rows in
 * the caller's transaction) and the sender ({@link #sendDue}, run once across instances on the
 * {@link WebhookSender}'s threads). Each attempt is signed after Standard Webhooks ({@link WebhookSignature}).
 */
@Service
public class Webhooks {

    public static final List<String> EVENTS = List.of(
            "approval.opened",
            "approval.decided",
            "approval.expired",
            "approval.superseded",
            "gate.break-glass",
            "review.overdue");
    public static final List<String> FORMATS = List.of("slack", "generic");

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String SECRET_PURPOSE = "webhook secret";

    private final WebhookRepository webhooks;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookUrlPolicy urlPolicy;
    private final WebhookSettings settings;
    private final ProjectCatalog projects;
    private final AuditTrail auditTrail;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final WebhookSender sender;
    private final SecretBox secrets;

    Webhooks(
            WebhookRepository webhooks,
            WebhookDeliveryRepository deliveries,
            WebhookUrlPolicy urlPolicy,
            WebhookSettings settings,
            ProjectCatalog projects,
            AuditTrail auditTrail,
            Clock clock,
            TransactionTemplate transactions,
            WebhookSender sender,
            SecretBox secrets) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.urlPolicy = urlPolicy;
        this.settings = settings;
        this.projects = projects;
        this.auditTrail = auditTrail;
        this.clock = clock;
        this.transactions = transactions;
        this.sender = sender;
        this.secrets = secrets;
    }

    // ---- management ------------------------------------------------------------------------------------------

    @Transactional
    public CreatedWebhook create(String projectKey, NewWebhook command) {
        ProjectView project = projects.get(projectKey);
        List<FieldProblem> problems = new ArrayList<>();
        String name = command.name() == null ? "" : command.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(new FieldProblem("name", "must be 1 to 100 characters"));
        }
        urlPolicy.problemWith(command.url()).ifPresent(p -> problems.add(new FieldProblem("url", p)));
        if (command.format() == null || !FORMATS.contains(command.format())) {
            problems.add(new FieldProblem("format", "must be one of " + String.join(", ", FORMATS)));
        }
        List<String> events = command.events() == null
                ? List.of()
                : command.events().stream().distinct().toList();
        if (events.isEmpty() || !EVENTS.containsAll(events)) {
            problems.add(new FieldProblem("events", "choose at least one of " + String.join(", ", EVENTS)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = WebhookSignature.PREFIX + Base64.getEncoder().encodeToString(secretBytes);
        Webhook saved = webhooks.save(new Webhook(
                project.id(),
                name,
                command.url().strip(),
                command.format(),
                secrets.seal(secret, SECRET_PURPOSE),
                events,
                currentUser(),
                clock.instant()));
        auditTrail.record(AuditRecord.of("webhook.created")
                .project(projectKey)
                .target("webhook", saved.id())
                .details(Map.of("name", name, "url", saved.url(), "format", saved.format(), "events", events)));
        return new CreatedWebhook(view(saved), secret);
    }

    @Transactional
    public void setEnabled(String projectKey, long webhookId, boolean enabled) {
        Webhook webhook = find(projectKey, webhookId);
        webhook.setEnabled(enabled);
        auditTrail.record(AuditRecord.of(enabled ? "webhook.enabled" : "webhook.disabled")
                .project(projectKey)
                .target("webhook", webhookId));
    }

    @Transactional
    public void delete(String projectKey, long webhookId) {
        Webhook webhook = find(projectKey, webhookId);
        webhooks.delete(webhook);
        auditTrail.record(AuditRecord.of("webhook.deleted")
                .project(projectKey)
                .target("webhook", webhookId)
                .details(Map.of("name", webhook.name(), "url", webhook.url())));
    }

    @Transactional(readOnly = true)
    public List<WebhookView> list(String projectKey) {
        return webhooks.findByProjectIdOrderByIdAsc(projects.get(projectKey).id()).stream()
                .map(Webhooks::view)
                .toList();
    }

    /** The latest deliveries of the project's webhooks, newest first. */
    @Transactional(readOnly = true)
    public List<DeliveryView> deliveries(String projectKey, int limit) {
        Map<Long, Webhook> byId = webhooks
                .findByProjectIdOrderByIdAsc(projects.get(projectKey).id())
                .stream()
                .collect(Collectors.toMap(Webhook::id, Function.identity()));
        if (byId.isEmpty()) {
            return List.of();
        }
        return deliveries.findRecent(byId.keySet(), Limit.of(limit)).stream()
                .map(d -> new DeliveryView(
                        d.id(),
                        d.webhookId(),
                        byId.get(d.webhookId()).name(),
                        d.event(),
                        d.status(),
                        d.attempts(),
                        d.createdAt(),
                        d.lastAttemptAt(),
                        d.nextAttemptAt(),
                        d.deliveredAt(),
                        d.responseStatus(),
                        d.lastError()))
                .toList();
    }

    private Webhook find(String projectKey, long webhookId) {
        long projectId = projects.get(projectKey).id();
        return webhooks.findById(webhookId)
                .filter(w -> w.projectId() == projectId)
                .orElseThrow(
                        () -> new NotFoundException("No webhook #" + webhookId + " in project '" + projectKey + "'."));
    }

    // ---- outbox ----------------------------------------------------------------------------------------------

    /** Queues the message for every enabled webhook of the project that wants this event, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void notify(long projectId, WebhookMessage message) {
        Instant now = clock.instant();
        for (Webhook webhook : webhooks.findByProjectIdOrderByIdAsc(projectId)) {
            if (webhook.wants(message.event())) {
                deliveries.save(
                        new WebhookDelivery(webhook.id(), message.event(), body(webhook.format(), message, now), now));
            }
        }
    }

    static String body(String format, WebhookMessage message, Instant at) {
        if ("slack".equals(format)) {
            return JSON.writeValueAsString(Map.of("text", message.text()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", message.event());
        body.put("project", message.project());
        if (message.environment() != null) {
            body.put("environment", message.environment());
        }
        body.put("text", message.text());
        body.put("data", message.data());
        body.put("occurredAt", at.toString());
        return JSON.writeValueAsString(body);
    }

    // ---- sender ----------------------------------------------------------------------------------------------

    /**
     * Sends every delivery that is due now, in parallel on the sender's own threads, each attempt cut at
     * its deadline; failures are rescheduled with exponential backoff. Returns how many were attempted.
     */
    public int sendDue() {
        List<Long> due = deliveries.findDueIds(clock.instant(), Limit.of(settings.batchSize()));
        sender.runAll(due.stream().<Runnable>map(id -> () -> send(id)).toList());
        return due.size();
    }

    private void send(long deliveryId) {
        record Attempt(WebhookDelivery delivery, Webhook webhook) {}
        Attempt attempt = transactions.execute(status -> deliveries
                .findById(deliveryId)
                .filter(d -> WebhookDelivery.PENDING.equals(d.status()))
                .flatMap(d -> webhooks.findById(d.webhookId()).map(w -> new Attempt(d, w)))
                .orElse(null));
        if (attempt == null) {
            return;
        }
        WebhookTransport.Outcome outcome;
        String secret = null;
        String unreadable = null;
        try {
            secret = secrets.open(attempt.webhook().storedSecret(), SECRET_PURPOSE);
        } catch (SecretBox.UndecryptableSecretException e) {
            unreadable = e.getMessage();
        }
        if (!attempt.webhook().enabled()) {
            outcome = new WebhookTransport.Outcome(null, "not sent: webhook is disabled");
        } else if (unreadable != null) {
            outcome = new WebhookTransport.Outcome(null, "not sent: " + unreadable);
        } else {
            String payload = attempt.delivery().payload();
            Map<String, String> headers = new LinkedHashMap<>(WebhookSignature.headers(
                    secret, messageId(deliveryId), clock.instant().getEpochSecond(), payload));
            headers.put("X-Portal-Event", attempt.delivery().event());
            headers.put("X-Portal-Delivery", String.valueOf(deliveryId));
            outcome = sender.post(URI.create(attempt.webhook().url()), headers, payload);
        }
        transactions.executeWithoutResult(status -> deliveries
                .findById(deliveryId)
                .ifPresent(delivery -> {
                    Instant now = clock.instant();
                    if (outcome.delivered()) {
                        delivery.delivered(now, outcome.status());
                    } else {
                        int failures = delivery.attempts() + 1;
                        Instant retryAt =
                                failures >= settings.maxAttempts() ? null : now.plus(settings.backoffAfter(failures));
                        delivery.attemptFailed(now, outcome.status(), outcome.error(), retryAt);
                        if (retryAt == null) {
                            log.warn(
                                    "Webhook delivery {} failed for good after {} attempts: {}",
                                    deliveryId,
                                    failures,
                                    outcome.error());
                        }
                    }
                }));
    }

    /**
     * Re-seals every stored secret that is clear (written before encryption was configured) or sealed
     * under a previous key, so rotating or introducing {@code portal.secrets.encryption-key} needs no
     * manual step. Runs at start; returns how many were re-sealed. Secrets no configured key opens are left
     * as they are (their deliveries fail with a message saying so).
     */
    @Transactional
    public int resealStoredSecrets() {
        int resealed = 0;
        for (Webhook webhook : webhooks.findAll()) {
            if (secrets.isCurrent(webhook.storedSecret())) {
                continue;
            }
            try {
                webhook.replaceStoredSecret(
                        secrets.seal(secrets.open(webhook.storedSecret(), SECRET_PURPOSE), SECRET_PURPOSE));
                resealed++;
            } catch (SecretBox.UndecryptableSecretException e) {
                log.error("Webhook {}: {}", webhook.id(), e.getMessage());
            }
        }
        if (resealed > 0) {
            log.info(
                    "Re-sealed {} webhook secret(s) {}",
                    resealed,
                    secrets.encrypts() ? "under key id " + secrets.currentKeyId() : "in clear");
        }
        return resealed;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resealAtStart() {
        transactions.executeWithoutResult(status -> resealStoredSecrets());
    }

    /** The Standard Webhooks message id: one per delivery, the same on every retry (receivers deduplicate on it). */
    static String messageId(long deliveryId) {
        return "msg_" + deliveryId;
    }

    private static WebhookView view(Webhook webhook) {
        return new WebhookView(
                webhook.id(),
                webhook.name(),
                webhook.url(),
                webhook.format(),
                webhook.events(),
                webhook.enabled(),
                webhook.createdBy(),
                webhook.createdAt());
    }

    private static String currentUser() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
