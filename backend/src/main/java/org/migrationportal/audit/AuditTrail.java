package org.migrationportal.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.migrationportal.shared.MultiRowInsert;
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

    private static final String INSERT_PREFIX = """
            INSERT INTO audit_entry (occurred_at, actor, actor_type, action, project_key, environment_key, target_type,
              target_id, client_address, details) VALUES\s""";
    private static final String INSERT = INSERT_PREFIX + MultiRowInsert.placeholders(10, 1);

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

    /**
     * Takes the actor and client address of {@code record} from the current request (unless the record names
     * its actor), so the entry can be written later on another thread, e.g. in a batch ({@link #recordAll}).
     */
    public AttributedAuditRecord attribute(AuditRecord record) {
        String actor = record.actor();
        String actorType = record.actorType();
        if (actor == null) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof AuditedActor audited) {
                actor = audited.auditName();
                actorType = audited.auditActorType();
            } else if (authentication != null
                    && authentication.isAuthenticated()
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
        return new AttributedAuditRecord(record, truncate(actor, 200), actorType, clientAddress());
    }

    /**
     * Records attributed changes inside the caller's transaction, in the given order, with one round trip
     * to the database for the whole list.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<AttributedAuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        for (int from = 0; from < records.size(); from += MultiRowInsert.MAX_ROWS) {
            List<AttributedAuditRecord> chunk =
                    records.subList(from, Math.min(records.size(), from + MultiRowInsert.MAX_ROWS));
            jdbc.sql(INSERT_PREFIX + MultiRowInsert.placeholders(10, chunk.size()))
                    .params(MultiRowInsert.flatten(chunk.stream()
                            .map(record -> parameters(record, now))
                            .toList()))
                    .update();
        }
    }

    private long write(AuditRecord record) {
        AttributedAuditRecord attributed = attribute(record);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql(INSERT).params(parameters(attributed, now())).update(key, "id");
        Map<String, Object> row = key.getKeys();
        return ((Number) (row.containsKey("id") ? row.get("id") : row.get("ID"))).longValue();
    }

    private static Object[] parameters(AttributedAuditRecord attributed, OffsetDateTime now) {
        AuditRecord record = attributed.record();
        return new Object[] {
            now,
            attributed.actor(),
            attributed.actorType(),
            record.action(),
            record.projectKey(),
            record.environmentKey(),
            record.targetType(),
            truncate(record.targetId(), 200),
            attributed.clientAddress(),
            record.details().isEmpty() ? null : DETAILS_JSON.writeValueAsString(record.details())
        };
    }

    /** Microsecond precision: what both PostgreSQL and H2 store, so the canonical form hashes the same after a read. */
    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
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
