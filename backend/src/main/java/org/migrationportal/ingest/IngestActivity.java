package org.migrationportal.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Component;

/**
 * Counts accepted evidence by kind ({@code portal.ingest.recorded}). A plain synchronous listener on purpose:
 * a transactional one would add a publication to Spring Modulith's registry for every event (an insert and
 * two completion transactions each), which cost a third of the registry work per event for a metric. It
 * counts when the event is published inside the ingest transaction; a rolled-back ingest (rare: constraint
 * races are answered before publishing) would still be counted. The reactions that must survive a restart
 * (compliance evaluation, approvals) are transactional module listeners with their own publications.
 */
@Component
class IngestActivity {

    private final MeterRegistry meters;

    IngestActivity(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventListener
    void on(CiRunRecorded event) {
        count("ci-run", event.projectKey());
    }

    @EventListener
    void on(DeploymentRecorded event) {
        count("deployment", event.projectKey());
    }

    @EventListener
    void on(BackupRecorded event) {
        count("backup", event.projectKey());
    }

    @EventListener
    void on(DriftReportRecorded event) {
        count("drift-report", event.projectKey());
    }

    @EventListener
    void on(MigrationChanged event) {
        count("migration-changed", event.projectKey());
    }

    private void count(String kind, String project) {
        meters.counter("portal.ingest.recorded", "kind", kind, "project", project)
                .increment();
    }

    /** Listeners of domain events run on Boot's task executor, after the ingest transaction committed. */
    @Configuration(proxyBeanMethods = false)
    @EnableAsync
    static class AsyncListeners {}
}
