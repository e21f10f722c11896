package org.migrationportal.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hash chain over the audit trail: its checkpoints, its public key, its verification, and sealing on
 * demand. Writers do not use this class; they call {@link AuditTrail#record} and the sealer chains later.
 */
@Service
public class AuditChain {

    private static final int FETCH_SIZE = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshotReads;
    private final AuditSealSchedule schedule;
    private final AuditSigningKey key;

    AuditChain(
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            AuditSealSchedule schedule,
            AuditSigningKey key) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.snapshotReads = new TransactionTemplate(transactionManager);
        // One snapshot for both streams (entries and links), so a seal committing mid-read cannot look like tampering.
        this.snapshotReads.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshotReads.setReadOnly(true);
        this.schedule = schedule;
        this.key = key;
    }

    public AuditPublicKey publicKey() {
        return new AuditPublicKey(
                CheckpointSignatures.ALGORITHM,
                key.keyId(),
                Base64.getEncoder().encodeToString(key.publicKey().getEncoded()),
                CheckpointSignatures.pem(key.publicKey()));
    }

    /** Checkpoints with a sequence above {@code afterSequence}, oldest first, at most {@code limit}. */
    public List<AuditCheckpoint> checkpoints(long afterSequence, int limit) {
        return jdbc.query(
                "SELECT sequence, last_entry_id, entry_hash, entry_count, sealed_at, key_id, signature "
                        + "FROM audit_checkpoint WHERE sequence > ? ORDER BY sequence LIMIT ?",
                (rs, n) -> checkpoint(rs),
                afterSequence,
                limit);
    }

    public ChainStatus status() {
        List<AuditCheckpoint> latest = jdbc.query(
                "SELECT sequence, last_entry_id, entry_hash, entry_count, sealed_at, key_id, signature "
                        + "FROM audit_checkpoint ORDER BY sequence DESC LIMIT 1",
                (rs, n) -> checkpoint(rs));
        AuditCheckpoint checkpoint = latest.isEmpty() ? null : latest.get(0);
        long sealedUpTo = checkpoint == null ? 0 : checkpoint.lastEntryId();
        Long unsealed = jdbc.queryForObject("SELECT count(*) FROM audit_entry WHERE id > ?", Long.class, sealedUpTo);
        long total = (checkpoint == null ? 0 : checkpoint.entryCount()) + (unsealed == null ? 0 : unsealed);
        return new ChainStatus(total, unsealed == null ? 0 : unsealed, checkpoint);
    }

    /** Verifies the whole chain against the checkpoints stored in the database. */
    public ChainVerificationResult verify() {
        return verifyAgainst(checkpoints(0, Integer.MAX_VALUE));
    }

    /**
     * Verifies the whole chain against checkpoints the caller kept elsewhere (only those: an external copy
     * is the point). Their signatures are checked with the portal's public key.
     */
    public ChainVerificationResult verify(List<AuditCheckpoint> supplied) {
        return verifyAgainst(supplied);
    }

    private ChainVerificationResult verifyAgainst(List<AuditCheckpoint> checkpoints) {
        return snapshotReads.execute(status -> jdbc.execute((Connection con) -> {
            ChainVerification verification =
                    new ChainVerification(AuditCanonicalForm.GENESIS_HASH, checkpoints, key.publicKey());
            try (PreparedStatement entries =
                            con.prepareStatement("SELECT " + AuditEntryRows.COLUMNS + " FROM audit_entry ORDER BY id");
                    PreparedStatement links = con.prepareStatement(
                            "SELECT entry_id, prev_hash, entry_hash FROM audit_chain_link ORDER BY entry_id")) {
                entries.setFetchSize(FETCH_SIZE);
                links.setFetchSize(FETCH_SIZE);
                try (ResultSet e = entries.executeQuery();
                        ResultSet l = links.executeQuery()) {
                    mergeInto(verification, e, l);
                }
            }
            return verification.finish();
        }));
    }

    /** Walks two id-ordered streams together, pairing an entry with its link where both exist. */
    private static void mergeInto(ChainVerification verification, ResultSet entries, ResultSet links)
            throws java.sql.SQLException {
        AuditEntryView entry = entries.next() ? AuditEntryRows.map(entries) : null;
        ChainLink link = links.next() ? new ChainLink(links.getLong(1), links.getString(2), links.getString(3)) : null;
        while (entry != null || link != null) {
            if (link == null || (entry != null && entry.id() < link.entryId())) {
                verification.accept(entry, null);
                entry = entries.next() ? AuditEntryRows.map(entries) : null;
            } else if (entry == null || link.entryId() < entry.id()) {
                verification.accept(null, link);
                link = links.next() ? new ChainLink(links.getLong(1), links.getString(2), links.getString(3)) : null;
            } else {
                verification.accept(entry, link);
                entry = entries.next() ? AuditEntryRows.map(entries) : null;
                link = links.next() ? new ChainLink(links.getLong(1), links.getString(2), links.getString(3)) : null;
            }
        }
    }

    /**
     * Seals now, under the same cluster lock as the schedule, until every entry committed before the call
     * is chained (or the timeout passes). For tests, benchmarks and the demo; production relies on the schedule.
     */
    public ChainStatus sealNow(Duration timeout) {
        Long target = jdbc.queryForObject("SELECT max(id) FROM audit_entry", Long.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            schedule.runOnce(Duration.ZERO);
            Long head = jdbc.queryForObject("SELECT max(entry_id) FROM audit_chain_link", Long.class);
            if (target == null || (head != null && head >= target)) {
                return status();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("audit entries up to " + target + " were not sealed within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sealing", e);
            }
        }
    }

    /**
     * Signs an evidence-bundle manifest with the checkpoint key. The signed bytes are the UTF-8 line
     * {@code portal-evidence-manifest/v1} and a newline, followed by the manifest bytes, so a manifest
     * signature can never pass for a checkpoint signature (which starts {@code portal-audit-checkpoint/v1}).
     */
    public String signManifest(byte[] manifest) {
        return key.sign(manifestPayload(manifest));
    }

    public static byte[] manifestPayload(byte[] manifest) {
        byte[] tag = "portal-evidence-manifest/v1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] payload = new byte[tag.length + manifest.length];
        System.arraycopy(tag, 0, payload, 0, tag.length);
        System.arraycopy(manifest, 0, payload, tag.length, manifest.length);
        return payload;
    }

    static AuditCheckpoint checkpoint(ResultSet rs) throws java.sql.SQLException {
        return new AuditCheckpoint(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getObject(5, OffsetDateTime.class).toInstant(),
                rs.getString(6),
                rs.getString(7));
    }
}
