package org.migrationportal.approvals;

import org.migrationportal.ingest.CiRunRecorded;
import org.migrationportal.ingest.MigrationChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Reacts to evidence after it is committed. Delivered through Spring Modulith's event publication registry,
 * so an event whose handling was cut short by a crash is handed over again; both reactions are idempotent.
 */
@Component
class EvidenceListener {

    private final ApprovalRequests approvals;

    EvidenceListener(ApprovalRequests approvals) {
        this.approvals = approvals;
    }

    /** Destructive migrations on the default branch open a request per production environment. */
    @ApplicationModuleListener
    void on(CiRunRecorded event) {
        approvals.openForCiRun(event.ciRunId());
    }

    /** A changed checksum on the default branch supersedes pending requests bound to the old one. */
    @ApplicationModuleListener
    void on(MigrationChanged event) {
        approvals.supersedeChangedMigration(event.projectKey(), event.revision(), event.newChecksum(), event.ciRunId());
    }
}
