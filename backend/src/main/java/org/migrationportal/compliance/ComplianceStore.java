package org.migrationportal.compliance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.migrationportal.compliance.checklist.Checklist;
import org.migrationportal.compliance.checklist.RuleResult;
import org.migrationportal.compliance.checklist.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores evaluation results: current status per item, the per-environment summary, and every status change. */
@Component
class ComplianceStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<EvidenceRef>> REFS = new TypeReference<>() {};

    private final JdbcClient jdbc;

    ComplianceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the results; records a change row for each item whose status differs from the stored one. Returns the changes. */
    int save(long projectId, long environmentId, int policyVersion, Instant now, List<RuleResult> results) {
        Map<String, Object[]> stored = new HashMap<>();
        jdbc.sql(
                        "select item_key, status, reason, evidence, policy_version from compliance_item_status where environment_id = ?")
                .param(environmentId)
                .query(rs -> {
                    stored.put(
                            rs.getString(1),
                            new Object[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)});
                });
        Timestamp at = Timestamp.from(now);
        int changes = 0;
        for (RuleResult result : results) {
            String status = result.status().key();
            String reason = truncate(result.reason());
            String evidence = JSON.writeValueAsString(result.evidence());
            Object[] previous = stored.get(result.key());
            if (previous == null) {
                jdbc.sql(
                                "insert into compliance_item_status (environment_id, item_key, status, reason, evidence, policy_version, evaluated_at, changed_at) "
                                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(environmentId, result.key(), status, reason, evidence, policyVersion, at, at)
                        .update();
            } else if (!previous[0].equals(status)) {
                jdbc.sql(
                                "update compliance_item_status set status = ?, reason = ?, evidence = ?, policy_version = ?, evaluated_at = ?, changed_at = ? "
                                        + "where environment_id = ? and item_key = ?")
                        .params(status, reason, evidence, policyVersion, at, at, environmentId, result.key())
                        .update();
            } else if (!previous[1].equals(reason)
                    || !Objects.equals(previous[2], evidence)
                    || (int) previous[3] != policyVersion) {
                jdbc.sql(
                                "update compliance_item_status set reason = ?, evidence = ?, policy_version = ?, evaluated_at = ? "
                                        + "where environment_id = ? and item_key = ?")
                        .params(reason, evidence, policyVersion, at, environmentId, result.key())
                        .update();
            }
            if (previous == null || !previous[0].equals(status)) {
                changes++;
                jdbc.sql(
                                "insert into compliance_status_change (project_id, environment_id, item_key, old_status, new_status, reason, policy_version, changed_at) "
                                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(
                                projectId,
                                environmentId,
                                result.key(),
                                previous == null ? null : previous[0],
                                status,
                                reason,
                                policyVersion,
                                at)
                        .update();
            }
        }
        Map<Status, Long> counts = new HashMap<>();
        results.forEach(r -> counts.merge(r.status(), 1L, Long::sum));
        Object[] values = {
            Checklist.overall(results).key(),
            counts.getOrDefault(Status.PASS, 0L),
            counts.getOrDefault(Status.WARN, 0L),
            counts.getOrDefault(Status.FAIL, 0L),
            counts.getOrDefault(Status.UNKNOWN, 0L),
            policyVersion,
            at
        };
        int updated = jdbc.sql(
                        "update compliance_evaluation set status = ?, pass_count = ?, warn_count = ?, fail_count = ?, unknown_count = ?, "
                                + "policy_version = ?, evaluated_at = ? where environment_id = ?")
                .params(values[0], values[1], values[2], values[3], values[4], values[5], values[6], environmentId)
                .update();
        if (updated == 0) {
            jdbc.sql(
                            "insert into compliance_evaluation (environment_id, project_id, status, pass_count, warn_count, fail_count, unknown_count, "
                                    + "policy_version, evaluated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            environmentId,
                            projectId,
                            values[0],
                            values[1],
                            values[2],
                            values[3],
                            values[4],
                            values[5],
                            values[6])
                    .update();
        }
        return changes;
    }

    Optional<EnvironmentCompliance> load(String projectKey, String environmentKey, long environmentId) {
        var summary = jdbc.sql(
                        "select status, policy_version, evaluated_at from compliance_evaluation where environment_id = ?")
                .param(environmentId)
                .query((rs, n) -> new Object[] {
                    rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()
                })
                .optional();
        if (summary.isEmpty()) {
            return Optional.empty();
        }
        List<ItemStatus> items = jdbc
                .sql("select item_key, status, reason, evidence, policy_version, evaluated_at, changed_at "
                        + "from compliance_item_status where environment_id = ?")
                .param(environmentId)
                .query((rs, n) -> new ItemStatus(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        refs(rs.getString(4)),
                        rs.getInt(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant()))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparingInt(i -> Checklist.KEYS.indexOf(i.key())))
                .toList();
        Object[] s = summary.get();
        return Optional.of(new EnvironmentCompliance(
                projectKey, environmentKey, (String) s[0], (Integer) s[1], (Instant) s[2], items));
    }

    static List<EvidenceRef> refs(String json) {
        return json == null || json.isBlank() ? List.of() : JSON.readValue(json, REFS);
    }

    private static String truncate(String reason) {
        return reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
    }
}
