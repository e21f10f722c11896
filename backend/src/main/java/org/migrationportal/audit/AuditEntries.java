package org.migrationportal.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads the audit trail: filtered pages for the audit page, one entry with its link, and forward-only streams for exports. */
@Service
public class AuditEntries {

    /** Receives streamed rows; may throw to stop the stream (e.g. when the client went away). */
    @FunctionalInterface
    public interface RowHandler {
        void accept(SealedAuditEntry row) throws Exception;
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    AuditEntries(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    public AuditEntryPage page(AuditEntryFilter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args, "");
        args.add(size + 1);
        args.add((long) page * size);
        List<AuditEntryView> rows = jdbc.query(
                "SELECT " + AuditEntryRows.COLUMNS + " FROM audit_entry" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                (rs, n) -> AuditEntryRows.map(rs),
                args.toArray());
        boolean hasNext = rows.size() > size;
        return new AuditEntryPage(hasNext ? rows.subList(0, size) : rows, page, size, hasNext);
    }

    public Optional<AuditEntryDetail> find(long id) {
        List<AuditEntryDetail> rows = jdbc.query(
                "SELECT e.id, e.occurred_at, e.actor, e.actor_type, e.action, e.project_key, "
                        + "e.environment_key, e.target_type, e.target_id, e.client_address, e.details, l.prev_hash, l.entry_hash, l.checkpoint_sequence "
                        + "FROM audit_entry e LEFT JOIN audit_chain_link l ON l.entry_id = e.id WHERE e.id = ?",
                (rs, n) -> {
                    AuditEntryView entry = AuditEntryRows.map(rs);
                    String prev = rs.getString(12);
                    return new AuditEntryDetail(
                            entry,
                            prev == null ? null : new ChainLink(entry.id(), prev, rs.getString(13)),
                            prev == null ? null : rs.getLong(14));
                },
                id);
        return rows.stream().findFirst();
    }

    /**
     * Streams matching entries with their links in id order through a forward-only cursor (constant memory).
     * Returns the number of rows handed to the handler.
     */
    public long stream(AuditEntryFilter filter, int fetchSize, RowHandler handler) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args, "e.");
        return streamSql(where, args, fetchSize, handler);
    }

    private long streamSql(String where, List<Object> args, int fetchSize, RowHandler handler) {
        String sql =
                "SELECT e.id, e.occurred_at, e.actor, e.actor_type, e.action, e.project_key, e.environment_key, e.target_type, "
                        + "e.target_id, e.client_address, e.details, l.prev_hash, l.entry_hash "
                        + "FROM audit_entry e LEFT JOIN audit_chain_link l ON l.entry_id = e.id" + where
                        + " ORDER BY e.id";
        Long count = readOnly.execute(status -> jdbc.execute((java.sql.Connection con) -> {
            long n = 0;
            try (PreparedStatement ps =
                    con.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(fetchSize);
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AuditEntryView entry = AuditEntryRows.map(rs);
                        String prev = rs.getString(12);
                        handler.accept(new SealedAuditEntry(
                                entry, prev == null ? null : new ChainLink(entry.id(), prev, rs.getString(13))));
                        n++;
                    }
                }
            } catch (SQLException e) {
                throw e;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new StreamAborted(e);
            }
            return n;
        }));
        return count == null ? 0 : count;
    }

    /**
     * The contiguous id range of a period: from the first entry at or after {@code from} to the last entry
     * before {@code to}. Every id in between belongs to the range, so the chain can be checked across it.
     */
    public Optional<long[]> idRange(Instant from, Instant to) {
        List<Object> args = new ArrayList<>();
        String where = where(new AuditEntryFilter(null, null, null, null, from, to), args, "");
        List<long[]> range = jdbc.query(
                "SELECT min(id), max(id) FROM audit_entry" + where,
                (rs, n) -> rs.getObject(1) == null ? null : new long[] {rs.getLong(1), rs.getLong(2)},
                args.toArray());
        return range.isEmpty() || range.get(0) == null ? Optional.empty() : Optional.of(range.get(0));
    }

    /** Streams every entry with {@code fromId <= id <= toId} in id order, with links (see {@link #stream}). */
    public long streamIdRange(long fromId, long toId, int fetchSize, RowHandler handler) {
        return streamSql(" WHERE e.id >= ? AND e.id <= ?", List.of(fromId, toId), fetchSize, handler);
    }

    /** The chain hash of the last sealed entry before {@code id}, or the genesis hash: where a partial chain starts. */
    public String chainHashBefore(long id) {
        List<String> hashes = jdbc.query(
                "SELECT entry_hash FROM audit_chain_link WHERE entry_id < ? ORDER BY entry_id DESC LIMIT 1",
                (rs, n) -> rs.getString(1),
                id);
        return hashes.isEmpty() ? AuditCanonicalForm.GENESIS_HASH : hashes.get(0);
    }

    private static String where(AuditEntryFilter filter, List<Object> args, String alias) {
        StringBuilder where = new StringBuilder();
        condition(where, args, alias + "project_key = ?", filter.projectKey());
        condition(where, args, alias + "environment_key = ?", filter.environmentKey());
        condition(where, args, alias + "actor = ?", filter.actor());
        if (filter.action() != null && !filter.action().isBlank()) {
            condition(
                    where,
                    args,
                    alias + "action LIKE ? ESCAPE '\\'",
                    filter.action().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        condition(where, args, alias + "occurred_at >= ?", filter.from() == null ? null : utc(filter.from()));
        condition(where, args, alias + "occurred_at < ?", filter.to() == null ? null : utc(filter.to()));
        return where.toString();
    }

    private static void condition(StringBuilder where, List<Object> args, String sql, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return;
        }
        where.append(where.isEmpty() ? " WHERE " : " AND ").append(sql);
        args.add(value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A row handler failed (typically: the HTTP client disconnected); the cursor is closed and the stream stops. */
    public static class StreamAborted extends RuntimeException {
        StreamAborted(Throwable cause) {
            super(cause);
        }
    }
}
