package org.migrationportal.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The horizon on databases without transaction-id snapshots (the embedded H2 of the quick start): an id
 * is sealed once it has been the highest visible id for at least the safety lag. Safe as long as no
 * transaction that writes an audit entry stays open longer than the lag — true for the portal's own
 * short transactions, but a weaker guarantee than {@link PostgresSealHorizon}, which production uses.
 */
class LagSealHorizon implements SealHorizon {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration lag;
    private long proposedMaxId = -1;
    private Instant proposedAt;

    LagSealHorizon(JdbcTemplate jdbc, Clock clock, Duration lag) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lag = lag;
    }

    @Override
    public synchronized OptionalLong advance() {
        Instant now = clock.instant();
        OptionalLong resolved = OptionalLong.empty();
        if (proposedAt != null && !now.isBefore(proposedAt.plus(lag))) {
            resolved = OptionalLong.of(proposedMaxId);
            proposedAt = null;
        }
        if (proposedAt == null) {
            Long maxId = jdbc.queryForObject("SELECT max(id) FROM audit_entry", Long.class);
            proposedMaxId = maxId == null ? 0 : maxId;
            proposedAt = now;
        }
        return resolved;
    }
}
