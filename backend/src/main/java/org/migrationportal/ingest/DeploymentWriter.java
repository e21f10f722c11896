package org.migrationportal.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migrationportal.audit.AttributedAuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.shared.ConflictException;
import org.migrationportal.shared.DatabaseKind;
import org.migrationportal.shared.MultiRowInsert;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes deployment events inside the caller's transaction: the first event of runs (several at once when
 * {@link DeploymentBatcher} groups concurrent requests), and a later event moving a known run's status on.
 * Each accepted event is a {@code deployment_event} row, an audit entry and a {@link DeploymentRecorded} event.
 */
@Component
class DeploymentWriter {

    /** Where a deployment's status may go next; a first event may carry any status. */
    static final Map<String, Set<String>> NEXT_STATUS = Map.of(
            "started", Set.of("succeeded", "failed", "rolled_back"),
            "succeeded", Set.of("rolled_back"),
            "failed", Set.of("rolled_back"),
            "rolled_back", Set.of());

    private static final String COLUMNS = """
            project_id, environment_id, provider, external_id, attempt, url, commit_sha, from_revision, to_revision, status,
            started_at, finished_at, actor_type, actor_name, token_id, token_restricted, max_lock_ms, backup_ref,
            gate_decision_id, received_at, updated_at""";

    private final JdbcClient jdbc;
    private final AuditTrail auditTrail;
    private final ApplicationEventPublisher events;
    /** PostgreSQL returns the ids of a multi-row insert ({@code RETURNING}); H2 (quick start) gets one row at a time. */
    private final boolean multiRowReturning;

    DeploymentWriter(JdbcClient jdbc, AuditTrail auditTrail, ApplicationEventPublisher events, DatabaseKind database) {
        this.jdbc = jdbc;
        this.auditTrail = auditTrail;
        this.events = events;
        this.multiRowReturning = database.isPostgres();
    }

    /**
     * Inserts the first event of each run not yet known and returns their deployment ids, keyed by identity
     * (two posts of one run are equal records); runs already known, or repeated within the list, are left out,
     * for {@link #recordLaterEvent} after this transaction. Rows are written in natural-key order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Map<PreparedDeployment, Long> insertFirstEvents(List<PreparedDeployment> deployments) {
        List<PreparedDeployment> ordered = new ArrayList<>(deployments);
        ordered.sort(Comparator.comparing(PreparedDeployment::naturalKey));
        Map<PreparedDeployment, Long> inserted = multiRowReturning ? insertReturning(ordered) : insertOneByOne(ordered);
        if (inserted.isEmpty()) {
            return inserted;
        }
        List<Object[]> eventRows = new ArrayList<>(inserted.size());
        List<AttributedAuditRecord> audit = new ArrayList<>(inserted.size());
        List<PreparedDeployment> written =
                ordered.stream().filter(inserted::containsKey).toList();
        for (PreparedDeployment deployment : written) {
            long id = inserted.get(deployment);
            eventRows.add(new Object[] {
                id,
                deployment.event().status(),
                deployment.bodySha256(),
                deployment.receivedAt(),
                deployment.source().tokenId()
            });
            audit.add(deployment.audit().target("deployment", id));
        }
        jdbc.sql("INSERT INTO deployment_event (deployment_id, status, body_sha256, received_at, token_id) VALUES "
                        + MultiRowInsert.placeholders(5, eventRows.size()))
                .params(MultiRowInsert.flatten(eventRows))
                .update();
        auditTrail.recordAll(audit);
        written.forEach(deployment -> published(deployment, inserted.get(deployment)));
        return inserted;
    }

    private Map<PreparedDeployment, Long> insertReturning(List<PreparedDeployment> ordered) {
        List<Object> parameters = new ArrayList<>(ordered.size() * 21);
        for (PreparedDeployment deployment : ordered) {
            parameters.addAll(columns(deployment));
        }
        List<Map<String, Object>> returned = jdbc.sql("INSERT INTO deployment (" + COLUMNS + ") VALUES "
                        + MultiRowInsert.placeholders(21, ordered.size())
                        + " ON CONFLICT DO NOTHING RETURNING id, project_id, provider, external_id, attempt")
                .params(parameters)
                .query()
                .listOfRows();
        Map<PreparedDeployment, Long> inserted = new IdentityHashMap<>();
        for (Map<String, Object> row : returned) {
            long projectId = ((Number) row.get("project_id")).longValue();
            String provider = (String) row.get("provider");
            String externalId = (String) row.get("external_id");
            int attempt = ((Number) row.get("attempt")).intValue();
            // A run posted twice in one batch is inserted once: the first gets the row, the repeat is answered later.
            ordered.stream()
                    .filter(d -> d.sameRun(projectId, provider, externalId, attempt) && !inserted.containsKey(d))
                    .findFirst()
                    .ifPresent(d -> inserted.put(d, ((Number) row.get("id")).longValue()));
        }
        return inserted;
    }

    private Map<PreparedDeployment, Long> insertOneByOne(List<PreparedDeployment> ordered) {
        Map<PreparedDeployment, Long> inserted = new IdentityHashMap<>();
        for (PreparedDeployment deployment : ordered) {
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO deployment (" + COLUMNS + ") VALUES " + MultiRowInsert.placeholders(21, 1)
                            + " ON CONFLICT DO NOTHING")
                    .params(columns(deployment))
                    .update(key, "id");
            EvidenceLedger.generatedId(key).ifPresent(id -> inserted.put(deployment, id));
        }
        return inserted;
    }

    private static List<Object> columns(PreparedDeployment d) {
        DeploymentSubmission event = d.event();
        return Arrays.asList(
                d.projectId(),
                d.environmentId(),
                event.provider(),
                event.externalId(),
                event.attempt(),
                event.url(),
                d.commitSha(),
                event.fromRevision(),
                event.toRevision(),
                event.status(),
                d.startedAt(),
                d.finishedAt(),
                event.actor().type(),
                event.actor().name(),
                d.source().tokenId(),
                d.source().environmentRestricted(),
                event.maxLockMs(),
                event.backupId(),
                event.gateDecisionId(),
                d.receivedAt(),
                d.receivedAt());
    }

    /**
     * An event of a run already known: the same status again answers with the run (same body) or 409 (different
     * body); otherwise the status moves forward if the run allows it, else 409.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Receipt recordLaterEvent(PreparedDeployment deployment) {
        DeploymentSubmission event = deployment.event();
        // Lock the run so its events are applied one at a time.
        Map<String, Object> current = jdbc.sql("""
                        SELECT id, environment_id, commit_sha, to_revision, status FROM deployment
                        WHERE project_id = ? AND provider = ? AND external_id = ? AND attempt = ? FOR UPDATE""")
                .params(deployment.projectId(), event.provider(), event.externalId(), event.attempt())
                .query()
                .singleRow();
        long id = ((Number) current.get("id")).longValue();
        String currentStatus = (String) current.get("status");
        String run = "Deployment " + event.provider() + "/" + event.externalId() + " attempt " + event.attempt();
        Optional<String> sameStatus = jdbc.sql(
                        "SELECT body_sha256 FROM deployment_event WHERE deployment_id = ? AND status = ?")
                .params(id, event.status())
                .query(String.class)
                .optional();
        if (sameStatus.isPresent()) {
            if (!sameStatus.get().equals(deployment.bodySha256())) {
                throw new ConflictException(
                        "status",
                        run + " already recorded a '" + event.status() + "' event with a different body (id " + id
                                + ").");
            }
            return new Receipt("deployment", id, "/api/v1/deployments/" + id, false, currentStatus);
        }
        List<String> mismatches = new ArrayList<>();
        if (((Number) current.get("environment_id")).longValue() != deployment.environmentId()) {
            mismatches.add("environment");
        }
        if (!deployment.commitSha().equals(current.get("commit_sha"))) {
            mismatches.add("commitSha");
        }
        if (!event.toRevision().equals(current.get("to_revision"))) {
            mismatches.add("toRevision");
        }
        if (!mismatches.isEmpty()) {
            throw new ConflictException(
                    mismatches.get(0),
                    "Deployment " + id + ": " + mismatches.get(0)
                            + " differs from the earlier events of this deployment.");
        }
        if (!NEXT_STATUS.getOrDefault(currentStatus, Set.of()).contains(event.status())) {
            throw new ConflictException(
                    "status",
                    "Deployment " + id + " cannot move from '" + currentStatus + "' to '" + event.status() + "'.");
        }
        jdbc.sql("""
                        UPDATE deployment SET status = ?, finished_at = COALESCE(?, finished_at), url = COALESCE(?, url),
                          max_lock_ms = COALESCE(?, max_lock_ms), backup_ref = COALESCE(?, backup_ref),
                          gate_decision_id = COALESCE(?, gate_decision_id), updated_at = ? WHERE id = ?""")
                .params(
                        event.status(),
                        deployment.finishedAt(),
                        event.url(),
                        event.maxLockMs(),
                        event.backupId(),
                        event.gateDecisionId(),
                        deployment.receivedAt(),
                        id)
                .update();
        jdbc.sql(
                        "INSERT INTO deployment_event (deployment_id, status, body_sha256, received_at, token_id) VALUES (?, ?, ?, ?, ?)")
                .params(
                        id,
                        event.status(),
                        deployment.bodySha256(),
                        deployment.receivedAt(),
                        deployment.source().tokenId())
                .update();
        auditTrail.recordAll(List.of(deployment.audit().target("deployment", id)));
        published(deployment, id);
        return new Receipt("deployment", id, "/api/v1/deployments/" + id, true, event.status());
    }

    private void published(PreparedDeployment deployment, long id) {
        events.publishEvent(new DeploymentRecorded(
                id,
                deployment.projectKey(),
                deployment.environmentKey(),
                deployment.event().toRevision(),
                deployment.event().status()));
    }
}
