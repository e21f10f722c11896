package org.migrationportal.compliance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Recomputes only what new evidence can change: every few seconds it finds the environments whose evidence
 * arrived since the last sweep (deployments, backups and drift reports name their environment; a CI run or
 * a changed migration touches every environment of its project) and re-evaluates just those. Environments
 * never evaluated are picked up too, and a slower periodic refresh catches time-based changes (a drift
 * report growing stale, a break-glass review falling due). This works whether or not the ingest module
 * publishes events; when it does, its listeners call the evaluator directly and the sweep finds nothing left.
 */
@Component
class EvidenceSweep {

    private static final Logger log = LoggerFactory.getLogger(EvidenceSweep.class);
    /** Evidence committed by a transaction that started before the previous sweep still gets seen. */
    private static final Duration OVERLAP = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final ComplianceEvaluator evaluator;
    private final Clock clock;
    private final Duration refreshInterval;
    private volatile Instant watermark;
    private volatile Instant lastRefresh = Instant.EPOCH;

    EvidenceSweep(
            JdbcClient jdbc,
            ComplianceEvaluator evaluator,
            Clock clock,
            @Value("${portal.compliance.refresh-interval:PT1H}") Duration refreshInterval) {
        this.jdbc = jdbc;
        this.evaluator = evaluator;
        this.clock = clock;
        this.refreshInterval = refreshInterval;
    }

    @Scheduled(
            initialDelayString = "${portal.compliance.sweep-delay:PT20S}",
            fixedDelayString = "${portal.compliance.sweep-interval:PT15S}")
    void sweep() {
        try {
            Instant started = clock.instant();
            Set<Long> environments = changedSince();
            if (started.isAfter(lastRefresh.plus(refreshInterval))) {
                environments.addAll(jdbc.sql("select environment_id from compliance_evaluation")
                        .query(Long.class)
                        .list());
                lastRefresh = started;
            }
            if (!environments.isEmpty()) {
                evaluator.evaluateEnvironments(environments);
                log.debug("Re-evaluated {} environments", environments.size());
            }
            watermark = started.minus(OVERLAP);
        } catch (RuntimeException e) {
            log.warn("Compliance sweep failed; will retry: {}", e.toString());
        }
    }

    Set<Long> changedSince() {
        Set<Long> environments = new LinkedHashSet<>(jdbc.sql(
                        "select e.id from environment e left join compliance_evaluation c on c.environment_id = e.id where c.environment_id is null")
                .query(Long.class)
                .list());
        if (watermark == null) {
            watermark = jdbc.sql("select max(evaluated_at) from compliance_evaluation")
                    .query(Timestamp.class)
                    .optional()
                    .map(Timestamp::toInstant)
                    .map(t -> t.minus(OVERLAP))
                    .orElse(Instant.EPOCH);
        }
        Timestamp since = Timestamp.from(watermark);
        environments.addAll(jdbc.sql("select distinct environment_id from deployment where updated_at > ?")
                .param(since)
                .query(Long.class)
                .list());
        environments.addAll(jdbc.sql("select distinct environment_id from backup where received_at > ?")
                .param(since)
                .query(Long.class)
                .list());
        environments.addAll(jdbc.sql("select distinct environment_id from drift_report where received_at > ?")
                .param(since)
                .query(Long.class)
                .list());
        environments.addAll(jdbc.sql("select distinct environment_id from compliance_policy where created_at > ?")
                .param(since)
                .query(Long.class)
                .list());
        environments.addAll(jdbc.sql("""
                select e.id from environment e where e.project_id in (
                  select project_id from ci_run where received_at > ? union select project_id from migration_version where first_seen_at > ?)""").params(since, since).query(Long.class).list());
        return environments;
    }
}
