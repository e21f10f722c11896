package org.migrationportal.compliance;

import org.migrationportal.compliance.EvaluationQueue.Change;
import org.migrationportal.ingest.BackupRecorded;
import org.migrationportal.ingest.CiRunRecorded;
import org.migrationportal.ingest.DeploymentRecorded;
import org.migrationportal.ingest.DriftReportRecorded;
import org.migrationportal.ingest.MigrationChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Asks for a re-evaluation of exactly what an ingest event can change, to run after the evidence committed.
 * A CI run or a changed migration can change every environment of its project; a deployment changes its
 * environment and the environments it verifies; a backup or drift report changes its environment only.
 *
 * <p>Plain listeners, called inside the ingest transaction: they only leave a request in the
 * {@link EvaluationQueue}, which acts on it after commit. They are deliberately not durable event
 * publications: compliance is computed from the evidence tables, not from the events, and
 * {@link EvidenceSweep} re-evaluates from those tables whatever a stop left unevaluated. Storing and
 * completing a publication per ingest request cost more CPU than everything else ingest does
 * (docs/performance-ingest.md).
 */
@Component
class IngestEventListener {

    private final EvaluationQueue queue;

    IngestEventListener(EvaluationQueue queue) {
        this.queue = queue;
    }

    @EventListener
    void on(CiRunRecorded event) {
        queue.request(event.projectKey(), Change.WHOLE_PROJECT);
    }

    @EventListener
    void on(MigrationChanged event) {
        queue.request(event.projectKey(), Change.WHOLE_PROJECT);
    }

    @EventListener
    void on(DeploymentRecorded event) {
        queue.request(event.projectKey(), new Change(event.environmentKey(), true));
    }

    @EventListener
    void on(BackupRecorded event) {
        queue.request(event.projectKey(), new Change(event.environmentKey(), false));
    }

    @EventListener
    void on(DriftReportRecorded event) {
        queue.request(event.projectKey(), new Change(event.environmentKey(), false));
    }
}
