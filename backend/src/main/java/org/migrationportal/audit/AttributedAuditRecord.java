package org.migrationportal.audit;

/**
 * An audit record with its actor and client address already taken from the request that caused it
 * ({@link AuditTrail#attribute}), so it can be written later on another thread ({@link AuditTrail#recordAll}).
 */
public record AttributedAuditRecord(AuditRecord record, String actor, String actorType, String clientAddress) {

    /** The same record about a target known only once the change is written (e.g. a generated id). */
    public AttributedAuditRecord target(String targetType, Object targetId) {
        return new AttributedAuditRecord(record.target(targetType, targetId), actor, actorType, clientAddress);
    }
}
