package org.migrationportal.audit;

/**
 * Implemented by authentication principals that are not plain users (API tokens), so the audit trail
 * can name who acted without depending on the identity module.
 */
public interface AuditedActor {

    /** The actor as written in the audit entry, e.g. {@code token:ci-prod@shop}. */
    String auditName();

    /** One of {@code user}, {@code token}, {@code system}. */
    String auditActorType();
}
