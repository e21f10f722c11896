package org.migrationportal.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit entries. {@link #record} joins the caller's transaction, so an entry exists exactly when
 * the change it records was committed; it never opens a transaction of its own for a change.
 */
@Service
public class AuditTrail {

    private static final JsonMapper DETAILS_JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a change inside the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long record(AuditRecord record) {
        return write(record);
    }

    /**
     * Records an event that is not part of a data change (a login failure, a denied attempt):
     * it commits on its own, even when the surrounding work is rolled back.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long recordStandalone(AuditRecord record) {
        return write(record);
    }

    private long write(AuditRecord record) {
        String actor = record.actor();
        String actorType = record.actorType();
        if (actor == null) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof AuditedActor audited) {
                actor = audited.auditName();
                actorType = audited.auditActorType();
            } else if (authentication != null && authentication.isAuthenticated()
                    && !"anonymousUser".equals(authentication.getName())) {
                actor = authentication.getName();
                actorType = "user";
            } else if (RequestContextHolder.getRequestAttributes() == null) {
                actor = "system";
                actorType = "system";
            } else {
                actor = "anonymous";
                actorType = "anonymous";
            }
        }
        // Microsecond precision: what both PostgreSQL and H2 store, so the canonical form hashes the same after a read.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO audit_entry (occurred_at, actor, actor_type, action, project_key, environment_key, target_type,
                          target_id, client_address, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(now.atOffset(ZoneOffset.UTC), truncate(actor, 200), actorType, record.action(), record.projectKey(),
                        record.environmentKey(), record.targetType(), truncate(record.targetId(), 200), clientAddress(),
                        record.details().isEmpty() ? null : DETAILS_JSON.writeValueAsString(record.details()))
                .update(key, "id");
        Map<String, Object> row = key.getKeys();
        return ((Number) (row.containsKey("id") ? row.get("id") : row.get("ID"))).longValue();
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
