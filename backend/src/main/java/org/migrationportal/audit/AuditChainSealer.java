package org.migrationportal.audit;

import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains committed audit entries, in id order, into append-only {@code audit_chain_link} rows and signs a
 * checkpoint per seal transaction. Writers never wait for it: they only insert entries. Exactly one
 * sealer runs at a time across instances ({@link AuditSealSchedule} holds a ShedLock lock); the primary
 * keys of links and checkpoints make a second, concurrent sealer fail instead of forking the chain.
 */
class AuditChainSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditChainSealer.class);
    private static final int WRITE_BATCH = 5_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final SealHorizon horizon;
    private final AuditSigningKey key;
    private final Clock clock;
    private final int batchSize;
    private final boolean postgres;

    AuditChainSealer(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            SealHorizon horizon,
            AuditSigningKey key,
            Clock clock,
            int batchSize,
            boolean postgres) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.horizon = horizon;
        this.key = key;
        this.clock = clock;
        this.batchSize = batchSize;
        this.postgres = postgres;
    }

    /** One seal round: chain everything below the horizon. Returns the checkpoints it signed (none when idle). */
    synchronized List<AuditCheckpoint> sealRound() {
        OptionalLong boundary = horizon.advance();
        List<AuditCheckpoint> signed = new ArrayList<>();
        if (boundary.isEmpty()) {
            return signed;
        }
        while (true) {
            AuditCheckpoint checkpoint = transactions.execute(status -> sealBatch(boundary.getAsLong()));
            if (checkpoint == null) {
                break;
            }
            signed.add(checkpoint);
            log.debug(
                    "Sealed audit entries up to {} (checkpoint #{})", checkpoint.lastEntryId(), checkpoint.sequence());
        }
        return signed;
    }

    private AuditCheckpoint sealBatch(long boundary) {
        List<ChainLink> head = jdbc.query(
                "SELECT entry_id, prev_hash, entry_hash FROM audit_chain_link ORDER BY entry_id DESC LIMIT 1",
                (rs, n) -> new ChainLink(rs.getLong(1), rs.getString(2), rs.getString(3)));
        long headId = head.isEmpty() ? 0 : head.get(0).entryId();
        if (headId >= boundary) {
            return null;
        }
        List<long[]> last = jdbc.query(
                "SELECT sequence, entry_count FROM audit_checkpoint ORDER BY sequence DESC LIMIT 1",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)});
        long sequence = last.isEmpty() ? 1 : last.get(0)[0] + 1;
        long count = last.isEmpty() ? 0 : last.get(0)[1];
        Instant sealedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);

        MessageDigest digest = AuditCanonicalForm.sha256();
        List<ChainLink> pending = new ArrayList<>(WRITE_BATCH);
        String[] prev = {
            head.isEmpty() ? AuditCanonicalForm.GENESIS_HASH : head.get(0).entryHash()
        };
        long[] lastId = {headId};
        long[] sealed = {0};
        jdbc.query(
                con -> {
                    PreparedStatement ps = con.prepareStatement("SELECT " + AuditEntryRows.COLUMNS
                            + " FROM audit_entry WHERE id > ? AND id <= ? ORDER BY id LIMIT ?");
                    ps.setFetchSize(WRITE_BATCH);
                    ps.setLong(1, headId);
                    ps.setLong(2, boundary);
                    ps.setInt(3, batchSize);
                    return ps;
                },
                rs -> {
                    AuditEntryView entry = AuditEntryRows.map(rs);
                    String hash = AuditCanonicalForm.chainHash(digest, entry, prev[0]);
                    pending.add(new ChainLink(entry.id(), prev[0], hash));
                    prev[0] = hash;
                    lastId[0] = entry.id();
                    sealed[0]++;
                    if (pending.size() >= WRITE_BATCH) {
                        writeLinks(pending, sequence, sealedAt);
                        pending.clear();
                    }
                });
        if (sealed[0] == 0) {
            return null; // only gaps (rolled-back ids) up to the boundary
        }
        writeLinks(pending, sequence, sealedAt);
        long entryCount = count + sealed[0];
        String signature = key.sign(AuditCheckpoint.payload(sequence, lastId[0], entryCount, prev[0], sealedAt));
        jdbc.update(
                "INSERT INTO audit_checkpoint (sequence, last_entry_id, entry_hash, entry_count, sealed_at, key_id, signature) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                sequence,
                lastId[0],
                prev[0],
                entryCount,
                utc(sealedAt),
                key.keyId(),
                signature);
        return new AuditCheckpoint(sequence, lastId[0], prev[0], entryCount, sealedAt, key.keyId(), signature);
    }

    private void writeLinks(List<ChainLink> links, long sequence, Instant sealedAt) {
        if (links.isEmpty()) {
            return;
        }
        if (postgres) {
            // One statement per batch: unnest() of three arrays is several times faster than a JDBC batch.
            jdbc.execute((Connection con) -> {
                try (PreparedStatement ps = con.prepareStatement(
                        "INSERT INTO audit_chain_link "
                                + "(entry_id, prev_hash, entry_hash, checkpoint_sequence, sealed_at) "
                                + "SELECT u.id, u.prev, u.hash, ?, ? FROM unnest(?::bigint[], ?::varchar[], ?::varchar[]) AS u(id, prev, hash)")) {
                    ps.setLong(1, sequence);
                    ps.setObject(2, utc(sealedAt));
                    ps.setArray(
                            3,
                            array(
                                    con,
                                    "bigint",
                                    links.stream().map(ChainLink::entryId).toArray()));
                    ps.setArray(
                            4,
                            array(
                                    con,
                                    "varchar",
                                    links.stream().map(ChainLink::prevHash).toArray()));
                    ps.setArray(
                            5,
                            array(
                                    con,
                                    "varchar",
                                    links.stream().map(ChainLink::entryHash).toArray()));
                    ps.executeUpdate();
                }
                return null;
            });
        } else {
            jdbc.batchUpdate(
                    "INSERT INTO audit_chain_link (entry_id, prev_hash, entry_hash, checkpoint_sequence, sealed_at) "
                            + "VALUES (?, ?, ?, ?, ?)",
                    links,
                    1000,
                    (ps, link) -> {
                        ps.setLong(1, link.entryId());
                        ps.setString(2, link.prevHash());
                        ps.setString(3, link.entryHash());
                        ps.setLong(4, sequence);
                        ps.setObject(5, utc(sealedAt));
                    });
        }
    }

    private static Array array(Connection con, String type, Object[] values) throws SQLException {
        return con.createArrayOf(type, values);
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
