package org.migrationportal.export;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongConsumer;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

/** Change records: one per deployment to a production environment. Lists, single records, reproducible samples. */
@Service
public class ChangeRecords {

    public static final int MAX_SAMPLE = 500;

    private final JdbcTemplate jdbc;
    private final ChangeRecordAssembler assembler;
    private final AuditTrail trail;
    private final SecureRandom seeds = new SecureRandom();

    ChangeRecords(JdbcTemplate jdbc, ChangeRecordAssembler assembler, AuditTrail trail) {
        this.jdbc = jdbc;
        this.assembler = assembler;
        this.trail = trail;
    }

    public List<ChangeRecordSummary> list(ChangeRecordFilter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        args.add(size);
        args.add((long) page * size);
        return jdbc.query(
                "SELECT d.id, p.project_key, e.environment_key, d.to_revision, d.commit_sha, d.status, d.started_at, "
                        + "d.actor_type, d.actor_name FROM deployment d JOIN project p ON p.id = d.project_id "
                        + "JOIN environment e ON e.id = d.environment_id" + where
                        + " ORDER BY d.started_at DESC, d.id DESC LIMIT ? OFFSET ?",
                (rs, n) -> new ChangeRecordSummary(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        ChangeRecordAssembler.instant(rs, 7),
                        rs.getString(8),
                        rs.getString(9)),
                args.toArray());
    }

    public long count(ChangeRecordFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM deployment d JOIN project p ON p.id = d.project_id "
                        + "JOIN environment e ON e.id = d.environment_id" + where,
                Long.class,
                args.toArray());
        return count == null ? 0 : count;
    }

    public Optional<ChangeRecord> find(long deploymentId) {
        return assembler.assemble(deploymentId);
    }

    /**
     * Draws {@code size} records at random without replacement. The population (deployment ids in the filter,
     * ascending) is shuffled with {@code java.util.Random(seed)}, so the same seed and filter reproduce the sample.
     * A null seed draws a fresh one. The sample, its seed and filter are audited.
     */
    public ChangeRecordSample sample(ChangeRecordFilter filter, int size, Long seed) {
        long chosenSeed = seed != null ? seed : seeds.nextLong() & 0x7fffffffffffL;
        List<Long> population = ids(filter);
        List<Long> shuffled = new ArrayList<>(population);
        Collections.shuffle(shuffled, new Random(chosenSeed));
        List<ChangeRecord> records = new ArrayList<>();
        for (Long id : shuffled.subList(0, Math.min(size, shuffled.size()))) {
            assembler.assemble(id).ifPresent(records::add);
        }
        records.sort(Comparator.comparing(ChangeRecord::startedAt).thenComparing(ChangeRecord::deploymentId));
        Map<String, Object> details = new java.util.LinkedHashMap<>(AuditExports.describe(
                new org.migrationportal.audit.AuditEntryFilter(
                        filter.projectKey(), filter.environmentKey(), null, null, filter.from(), filter.to()),
                null));
        details.put("seed", chosenSeed);
        details.put("size", size);
        details.put("population", population.size());
        details.put(
                "deployments", records.stream().map(ChangeRecord::deploymentId).toList());
        trail.recordStandalone(AuditRecord.of("export.change-records-sampled")
                .project(filter.projectKey())
                .environment(filter.environmentKey())
                .details(details));
        return new ChangeRecordSample(chosenSeed, size, population.size(), records);
    }

    /** Streams every record of the filter, oldest first, assembling one at a time. */
    public long forEach(
            ChangeRecordFilter filter, java.util.function.Consumer<ChangeRecord> consumer, LongConsumer progress) {
        long n = 0;
        for (Long id : ids(filter)) {
            Optional<ChangeRecord> record = assembler.assemble(id);
            if (record.isPresent()) {
                consumer.accept(record.get());
                n++;
                if (progress != null) {
                    progress.accept(n);
                }
            }
        }
        return n;
    }

    /** Deployment ids of the filter in start order (ids only: a period holds thousands of deployments, not millions). */
    List<Long> ids(ChangeRecordFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        List<Long> ids = new ArrayList<>();
        RowCallbackHandler collect = rs -> ids.add(rs.getLong(1));
        jdbc.query(
                "SELECT d.id FROM deployment d JOIN project p ON p.id = d.project_id JOIN environment e ON e.id = d.environment_id"
                        + where + " ORDER BY d.started_at, d.id",
                collect,
                args.toArray());
        return ids;
    }

    private static String where(ChangeRecordFilter filter, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE e.production = TRUE");
        if (filter.projectKey() != null) {
            where.append(" AND p.project_key = ?");
            args.add(filter.projectKey());
        }
        if (filter.environmentKey() != null) {
            where.append(" AND e.environment_key = ?");
            args.add(filter.environmentKey());
        }
        if (filter.from() != null) {
            where.append(" AND d.started_at >= ?");
            args.add(ChangeRecordAssembler.utc(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND d.started_at < ?");
            args.add(ChangeRecordAssembler.utc(filter.to()));
        }
        return where.toString();
    }
}
