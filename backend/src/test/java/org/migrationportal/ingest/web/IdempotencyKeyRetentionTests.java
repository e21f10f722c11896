package org.migrationportal.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Idempotency-Key records are kept at least 24 hours (default 48) and then forgotten by the cleanup job. */
@PortalIntegrationTest
class IdempotencyKeyRetentionTests {

    @Autowired
    IdempotencyKeys keys;

    @Autowired
    JdbcClient jdbc;

    @Test
    void keysOlderThanTheRetentionAreForgottenYoungerOnesKept() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        insert("retention-old", now.minusHours(49));
        insert("retention-day", now.minusHours(25));
        keys.forgetExpired();
        assertThat(jdbc.sql("SELECT idem_key FROM idempotency_key WHERE token_ref = 'retention'")
                        .query(String.class)
                        .list())
                .containsExactly("retention-day");
    }

    private void insert(String key, OffsetDateTime createdAt) {
        jdbc.sql(
                        "INSERT INTO idempotency_key (token_ref, idem_key, request_sha256, state, created_at) VALUES ('retention', ?, 'x', 'done', ?)")
                .params(key, createdAt)
                .update();
    }
}
