package org.migrationportal.audit;

import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The exact horizon on PostgreSQL, from transaction ids. A proposal reads the highest visible entry id M
 * and then the snapshot's xmax X (the next transaction id to be assigned). Every id ≤ M was drawn before
 * M was read, by a transaction whose xid is therefore below X. Once {@code pg_snapshot_xmin} of a later
 * snapshot is ≥ X, all those transactions have committed or rolled back, so every id ≤ M that will ever
 * exist is visible: sealing up to M can never skip a late commit. The only exception is a transaction
 * that drew its id but had not yet been assigned an xid when X was read — the few microseconds between
 * the identity default and the heap insert inside one INSERT statement; the sealer's own interval covers it.
 * Runs outside any transaction (autocommit reads never take an xid of their own).
 */
class PostgresSealHorizon implements SealHorizon {

    private static final long WAIT_MILLIS = 300;

    private final JdbcTemplate jdbc;
    private Proposal pending;

    PostgresSealHorizon(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public synchronized OptionalLong advance() {
        if (pending == null) {
            Long maxId = jdbc.queryForObject("SELECT max(id) FROM audit_entry", Long.class);
            long xmax = jdbc.queryForObject("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint", Long.class);
            pending = new Proposal(maxId == null ? 0 : maxId, xmax);
        }
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (true) {
            long xmin = jdbc.queryForObject("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint", Long.class);
            if (xmin >= pending.xmax()) {
                long resolved = pending.maxId();
                pending = null;
                return OptionalLong.of(resolved);
            }
            if (System.nanoTime() > deadline) {
                return OptionalLong.empty(); // a transaction older than the proposal is still open: try next round
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return OptionalLong.empty();
            }
        }
    }

    private record Proposal(long maxId, long xmax) {}
}
