/**
 * The compliance checklist: the twelve practices of SPEC §3 evaluated per project and environment from
 * the evidence the portal holds, per-environment policies, status history, and the pre-deploy assessment
 * the deploy gate asks for.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "projects", "identity", "ingest"})
package org.migrationportal.compliance;
