/**
 * Approvals and the deploy gate (SPEC §4, §5): approval requests bound to migration checksums and the
 * decisions on them, break-glass reviews, gate decisions, scheduled expiry and overdue checks, and
 * per-project webhooks. Implements {@link org.migrationportal.compliance.ApprovalRecords} for the compliance rules.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "projects", "identity", "ingest", "compliance"})
package org.migrationportal.approvals;
