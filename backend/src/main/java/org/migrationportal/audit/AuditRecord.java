package org.migrationportal.audit;

import java.util.Map;
import java.util.TreeMap;

/**
 * One thing that happened, to be written as an audit entry. The actor defaults to whoever is
 * authenticated in the current request ({@link AuditTrail#record}); set it for work done by the system.
 */
public record AuditRecord(
        String action,
        String projectKey,
        String environmentKey,
        String targetType,
        String targetId,
        Map<String, Object> details,
        String actor,
        String actorType) {

    public AuditRecord {
        details = details == null ? Map.of() : new TreeMap<>(details);
    }

    public static AuditRecord of(String action) {
        return new AuditRecord(action, null, null, null, null, Map.of(), null, null);
    }

    public AuditRecord project(String projectKey) {
        return new AuditRecord(action, projectKey, environmentKey, targetType, targetId, details, actor, actorType);
    }

    public AuditRecord environment(String environmentKey) {
        return new AuditRecord(action, projectKey, environmentKey, targetType, targetId, details, actor, actorType);
    }

    public AuditRecord target(String targetType, Object targetId) {
        return new AuditRecord(
                action, projectKey, environmentKey, targetType, String.valueOf(targetId), details, actor, actorType);
    }

    public AuditRecord details(Map<String, Object> details) {
        return new AuditRecord(action, projectKey, environmentKey, targetType, targetId, details, actor, actorType);
    }

    public AuditRecord by(String actor, String actorType) {
        return new AuditRecord(action, projectKey, environmentKey, targetType, targetId, details, actor, actorType);
    }

    public AuditRecord bySystem(String component) {
        return by(component, "system");
    }
}
