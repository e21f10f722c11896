package org.migrationportal.compliance;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The policies in force per environment (SPEC §3 defaults until an admin changes them). Versioned: every
 * change inserts a new row, version 0 means "the defaults, never changed". Used by the checklist, the deploy
 * gate and the approvals workflow.
 */
@Service
@Transactional(readOnly = true)
public class PolicyBook {

    private final JdbcClient jdbc;
    private final ProjectCatalog projects;
    private final AuditTrail auditTrail;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PolicyBook(
            JdbcClient jdbc,
            ProjectCatalog projects,
            AuditTrail auditTrail,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.auditTrail = auditTrail;
        this.events = events;
        this.clock = clock;
    }

    /** The policy in force; 404 for an unknown project or environment. */
    public EnvironmentPolicy policyFor(String projectKey, String environmentKey) {
        ProjectView project = projects.get(projectKey);
        EnvironmentView environment = project.environment(environmentKey)
                .orElseThrow(() -> NotFoundException.environment(projectKey, environmentKey));
        return policyFor(environment);
    }

    public EnvironmentPolicy policyFor(EnvironmentView environment) {
        return latest(environment.id())
                .orElseGet(() -> EnvironmentPolicy.defaults(environment.id(), environment.production()));
    }

    /** Every version of an environment's policy, newest first (version 0, the defaults, is not stored). */
    public List<PolicyVersion> history(String projectKey, String environmentKey) {
        EnvironmentView environment = projects.get(projectKey)
                .environment(environmentKey)
                .orElseThrow(() -> NotFoundException.environment(projectKey, environmentKey));
        return jdbc.sql(SELECT + " where environment_id = ? order by version desc")
                .param(environment.id())
                .query((rs, n) -> new PolicyVersion(
                        map(rs), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .list();
    }

    public record PolicyVersion(EnvironmentPolicy policy, java.time.Instant createdAt, String createdBy) {}

    /** Stores a new version, audits it, and re-evaluates the environment (through {@link PolicyChanged}) in the same transaction. */
    @Transactional
    public EnvironmentPolicy change(String projectKey, String environmentKey, PolicyChange change) {
        ProjectView project = projects.get(projectKey);
        EnvironmentView environment = project.environment(environmentKey)
                .orElseThrow(() -> NotFoundException.environment(projectKey, environmentKey));
        EnvironmentPolicy previous = policyFor(environment);
        EnvironmentPolicy next = change.toPolicy(environment.id(), previous.version() + 1);
        String actor = currentActor();
        jdbc.sql("""
                insert into compliance_policy (environment_id, version, required_checks, reviews_required, backup_window_minutes,
                  lock_threshold_ms, drift_max_age_minutes, approvals_required, approval_expiry_minutes, break_glass_review_minutes,
                  gate_mode, created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        environment.id(),
                        next.version(),
                        String.join(",", next.requiredChecks()),
                        next.reviewsRequired(),
                        next.backupWindow().toMinutes(),
                        next.lockThresholdMs(),
                        next.driftMaxAge().toMinutes(),
                        next.approvalsRequired(),
                        next.approvalExpiry().toMinutes(),
                        next.breakGlassReviewDue().toMinutes(),
                        next.gateMode(),
                        java.sql.Timestamp.from(clock.instant()),
                        actor)
                .update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", next.version());
        details.put("previousVersion", previous.version());
        details.put("policy", describe(next));
        details.put("previous", describe(previous));
        auditTrail.record(AuditRecord.of("policy.changed")
                .project(projectKey)
                .environment(environmentKey)
                .target("policy", projectKey + "/" + environmentKey + "@" + next.version())
                .details(details));
        events.publishEvent(new PolicyChanged(projectKey, environmentKey, environment.id(), next.version()));
        return next;
    }

    static Map<String, Object> describe(EnvironmentPolicy p) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("requiredChecks", p.requiredChecks());
        map.put("reviewsRequired", p.reviewsRequired());
        map.put("backupWindow", p.backupWindow().toString());
        map.put("lockThresholdMs", p.lockThresholdMs());
        map.put("driftMaxAge", p.driftMaxAge().toString());
        map.put("approvalsRequired", p.approvalsRequired());
        map.put("approvalExpiry", p.approvalExpiry().toString());
        map.put("breakGlassReviewDue", p.breakGlassReviewDue().toString());
        map.put("gateMode", p.gateMode());
        return map;
    }

    private Optional<EnvironmentPolicy> latest(long environmentId) {
        return jdbc.sql(SELECT + " where environment_id = ? order by version desc limit 1")
                .param(environmentId)
                .query((rs, n) -> map(rs))
                .optional();
    }

    private static final String SELECT = """
            select environment_id, version, required_checks, reviews_required, backup_window_minutes, lock_threshold_ms,
              drift_max_age_minutes, approvals_required, approval_expiry_minutes, break_glass_review_minutes, gate_mode,
              created_at, created_by from compliance_policy""";

    private static EnvironmentPolicy map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new EnvironmentPolicy(
                rs.getLong("environment_id"),
                rs.getInt("version"),
                Arrays.stream(rs.getString("required_checks").split(","))
                        .filter(s -> !s.isBlank())
                        .toList(),
                rs.getInt("reviews_required"),
                Duration.ofMinutes(rs.getLong("backup_window_minutes")),
                rs.getLong("lock_threshold_ms"),
                Duration.ofMinutes(rs.getLong("drift_max_age_minutes")),
                rs.getInt("approvals_required"),
                Duration.ofMinutes(rs.getLong("approval_expiry_minutes")),
                Duration.ofMinutes(rs.getLong("break_glass_review_minutes")),
                rs.getString("gate_mode"));
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
