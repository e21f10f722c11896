package org.migrationportal.ingest.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The {@code Idempotency-Key} store (IETF httpapi draft). Each statement commits on its own: a claim must
 * be visible to concurrent requests before the request is processed. A claim left in flight by a crash is
 * taken over after {@code abandonAfter}; the natural-key idempotency underneath still prevents duplicates.
 */
@Component
class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    record Stored(
            String requestSha256, String state, Integer status, String location, String body, Instant createdAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IngestProperties properties;

    IdempotencyKeys(JdbcClient jdbc, Clock clock, IngestProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** True when this request now owns the key. */
    boolean claim(String tokenRef, String key, String requestSha256) {
        return jdbc.sql("""
                        INSERT INTO idempotency_key (token_ref, idem_key, request_sha256, state, created_at)
                        VALUES (?, ?, ?, 'in_flight', ?) ON CONFLICT DO NOTHING""").params(tokenRef, key, requestSha256, now()).update() == 1;
    }

    Optional<Stored> find(String tokenRef, String key) {
        return jdbc.sql("SELECT * FROM idempotency_key WHERE token_ref = ? AND idem_key = ?")
                .params(tokenRef, key)
                .query((rs, n) -> {
                    int status = rs.getInt("response_status");
                    return new Stored(
                            rs.getString("request_sha256"),
                            rs.getString("state"),
                            rs.wasNull() ? null : status,
                            rs.getString("response_location"),
                            rs.getString("response_body"),
                            rs.getObject("created_at", java.time.OffsetDateTime.class)
                                    .toInstant());
                })
                .optional();
    }

    /** Takes over a claim whose request died in flight (no answer within {@code abandonAfter}). */
    boolean takeOverAbandoned(String tokenRef, String key, Stored stored) {
        if (!"in_flight".equals(stored.state())
                || stored.createdAt()
                        .plus(properties.idempotency().abandonAfter())
                        .isAfter(clock.instant())) {
            return false;
        }
        return jdbc.sql("""
                        UPDATE idempotency_key SET created_at = ? WHERE token_ref = ? AND idem_key = ? AND state = 'in_flight'
                        AND created_at = ?""")
                        .params(now(), tokenRef, key, stored.createdAt().atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    void complete(String tokenRef, String key, int status, String location, String body) {
        jdbc.sql("""
                        UPDATE idempotency_key SET state = 'done', response_status = ?, response_location = ?, response_body = ?,
                          completed_at = ? WHERE token_ref = ? AND idem_key = ?""").params(status, location, body, now(), tokenRef, key).update();
    }

    void release(String tokenRef, String key) {
        jdbc.sql("DELETE FROM idempotency_key WHERE token_ref = ? AND idem_key = ? AND state = 'in_flight'")
                .params(tokenRef, key)
                .update();
    }

    /** Forgets keys older than the retention (at least 24 h). Safe to run on several instances at once. */
    @Scheduled(fixedDelayString = "${portal.ingest.idempotency.cleanup-interval:PT1H}", initialDelayString = "PT1M")
    void forgetExpired() {
        try {
            int removed = jdbc.sql("DELETE FROM idempotency_key WHERE created_at < ?")
                    .param(clock.instant()
                            .minus(properties.idempotency().retention())
                            .atOffset(ZoneOffset.UTC))
                    .update();
            if (removed > 0) {
                log.info("Forgot {} expired Idempotency-Key records", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Could not clean up Idempotency-Key records: {}", e.toString());
        }
    }

    private java.time.OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
