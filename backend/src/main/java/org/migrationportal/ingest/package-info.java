/**
 * Evidence posted by pipelines: CI runs with their migration manifests, deployments, backups and drift
 * reports — validated, stored exactly once, audited in the same transaction, announced by events after
 * commit. Façades: {@link org.migrationportal.ingest.EvidenceLedger} (write) and
 * {@link org.migrationportal.ingest.EvidenceQueries} (read).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "projects", "identity"})
package org.migrationportal.ingest;
