/**
 * The tamper-evident audit trail: append-only entries written in the same transaction as the change
 * they record. {@link org.migrationportal.audit.AuditTrail} is the façade every module writes through.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package org.migrationportal.audit;
