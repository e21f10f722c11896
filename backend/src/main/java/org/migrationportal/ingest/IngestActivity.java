package org.migrationportal.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts accepted evidence by kind ({@code portal.ingest.recorded}), after commit and off the request thread.
 * It is also the ingest module's own subscriber to its events, so each event has a publication in Spring
 * Modulith's registry that is completed here, or republished after a restart if the app stopped first.
 */
@Component
class IngestActivity {

    private final MeterRegistry meters;

    IngestActivity(MeterRegistry meters) {
        this.meters = meters;
    }

    @Async
    @TransactionalEventListener
    void on(CiRunRecorded event) {
        count("ci-run", event.projectKey());
    }

    @Async
    @TransactionalEventListener
    void on(DeploymentRecorded event) {
        count("deployment", event.projectKey());
    }

    @Async
    @TransactionalEventListener
    void on(BackupRecorded event) {
        count("backup", event.projectKey());
    }

    @Async
    @TransactionalEventListener
    void on(DriftReportRecorded event) {
        count("drift-report", event.projectKey());
    }

    @Async
    @TransactionalEventListener
    void on(MigrationChanged event) {
        count("migration-changed", event.projectKey());
    }

    private void count(String kind, String project) {
        meters.counter("portal.ingest.recorded", "kind", kind, "project", project).increment();
    }

    /** Listeners of domain events run on Boot's task executor, after the ingest transaction committed. */
    @Configuration(proxyBeanMethods = false)
    @EnableAsync
    static class AsyncListeners {}
}
