package org.migrationportal.approvals;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.migrationportal.approvals.webhooks.WebhookMessage;
import org.migrationportal.approvals.webhooks.Webhooks;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.compliance.DeployReadiness;
import org.migrationportal.compliance.EnvironmentPolicy;
import org.migrationportal.compliance.EvidenceRef;
import org.migrationportal.identity.ApiTokenKind;
import org.migrationportal.identity.ApiTokenPrincipal;
import org.migrationportal.identity.ApiTokens;
import org.migrationportal.identity.TokenView;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.ConflictException;
import org.migrationportal.shared.InvalidRequestException;
import org.migrationportal.shared.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deploy gate (SPEC §4). The practice checks themselves belong to the compliance engine
 * ({@link DeployReadiness}); the gate owns who may ask, advisory mode, break-glass, and keeping and auditing
 * every answer.
 */
@Service
public class DeployGate {

    public static final String ALLOW = "allow";
    public static final String DENY = "deny";
    /** Reason given when no compliance engine is installed to assess readiness: fail closed. */
    public static final String ASSESSMENT_UNAVAILABLE = "assessment-unavailable";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectProvider<DeployReadiness> readiness;
    private final ProjectCatalog projects;
    private final ApprovalRequests approvals;
    private final ApprovalRequestRepository requests;
    private final GateDecisionRepository decisions;
    private final EmergencyGrantRepository grants;
    private final MigrationEvidence evidence;
    private final ApiTokens tokens;
    private final AuditTrail auditTrail;
    private final Webhooks webhooks;
    private final JdbcClient jdbc;
    private final Clock clock;

    DeployGate(
            ObjectProvider<DeployReadiness> readiness,
            ProjectCatalog projects,
            ApprovalRequests approvals,
            ApprovalRequestRepository requests,
            GateDecisionRepository decisions,
            EmergencyGrantRepository grants,
            MigrationEvidence evidence,
            ApiTokens tokens,
            AuditTrail auditTrail,
            Webhooks webhooks,
            JdbcClient jdbc,
            Clock clock) {
        this.readiness = readiness;
        this.projects = projects;
        this.approvals = approvals;
        this.requests = requests;
        this.decisions = decisions;
        this.grants = grants;
        this.evidence = evidence;
        this.tokens = tokens;
        this.auditTrail = auditTrail;
        this.webhooks = webhooks;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public GateResponse decide(GateRequest request, ApiTokenPrincipal caller) {
        ProjectView project =
                projects.find(request.project()).orElseThrow(() -> NotFoundException.project(request.project()));
        EnvironmentView environment = project.environment(request.environment())
                .orElseThrow(() -> NotFoundException.environment(project.key(), request.environment()));
        if (caller.kind() != ApiTokenKind.PROJECT || !caller.allowsProject(project.key())) {
            throw refuse(project, environment, request, "This token does not belong to project " + project.key() + ".");
        }
        if (!caller.allowsEnvironment(environment.key())) {
            throw refuse(
                    project,
                    environment,
                    request,
                    "This token is not valid for environment " + environment.key() + ".");
        }
        String emergencyReason =
                request.reason() == null ? "" : request.reason().strip();
        if (request.isEmergency()) {
            if (emergencyReason.isEmpty()) {
                throw new InvalidRequestException("reason", "an emergency (break-glass) call must say why");
            }
            if (!grants.existsById(caller.tokenId())) {
                throw refuse(
                        project,
                        environment,
                        request,
                        "This token may not break glass: an admin must allow it "
                                + "under Admin → project → Approvals & gate.");
            }
        }

        DeployReadiness engine = readiness.getIfAvailable();
        EnvironmentPolicy policy;
        List<GateResponse.Reason> reasons = new ArrayList<>();
        if (engine == null) {
            policy = EnvironmentPolicy.defaults(environment.id(), environment.production());
            reasons.add(new GateResponse.Reason(
                    ASSESSMENT_UNAVAILABLE,
                    "The compliance engine is not available, so readiness cannot be judged.",
                    List.of()));
        } else {
            DeployReadiness.Assessment assessment =
                    engine.assess(project.key(), environment.key(), request.toRevision(), request.commitSha());
            policy = assessment.policy();
            Map<String, List<DeployReadiness.Blocker>> byCode = new LinkedHashMap<>();
            assessment
                    .blockers()
                    .forEach(b -> byCode.computeIfAbsent(b.code(), c -> new ArrayList<>())
                            .add(b));
            byCode.forEach((code, blockers) -> reasons.add(grouped(code, blockers, environment)));
        }
        GateVerdict verdict = GateVerdict.of(
                engine != null,
                policy.advisory(),
                request.isEmergency(),
                reasons.stream().map(GateResponse.Reason::code).toList());
        String mode = verdict.mode();
        String decision = verdict.decision();
        Instant now = clock.instant();
        GateDecision saved = decisions.save(new GateDecision(
                project.id(),
                environment.id(),
                request.toRevision(),
                request.commitSha().toLowerCase(java.util.Locale.ROOT),
                decision,
                mode,
                request.isEmergency(),
                request.isEmergency() ? emergencyReason : null,
                JSON.writeValueAsString(reasons),
                policy.version(),
                caller.tokenId(),
                caller.auditName(),
                now));

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decision", decision);
        details.put("mode", mode);
        details.put("toRevision", request.toRevision());
        details.put("commitSha", request.commitSha());
        details.put("reasons", reasons.stream().map(GateResponse.Reason::code).toList());
        details.put("policyVersion", policy.version());
        details.put("emergency", request.isEmergency());
        Long reviewId = null;
        if (request.isEmergency()) {
            RequestedMigration target = evidence.inCommit(project.id(), request.commitSha(), request.toRevision())
                    .orElse(new RequestedMigration(request.toRevision(), "unknown", null));
            reviewId = approvals
                    .openReview(
                            project,
                            environment,
                            policy,
                            saved.id(),
                            caller.auditName(),
                            emergencyReason,
                            List.of(target))
                    .id();
            details.put("emergencyReason", emergencyReason);
            details.put("reviewId", reviewId);
            webhooks.notify(
                    project.id(),
                    new WebhookMessage(
                            "gate.break-glass",
                            project.key(),
                            environment.key(),
                            "Break-glass deploy of " + request.toRevision() + " to " + project.key() + "/"
                                    + environment.key()
                                    + " by " + caller.auditName() + ": " + emergencyReason + " (bypassed: "
                                    + (reasons.isEmpty()
                                            ? "nothing"
                                            : reasons.stream()
                                                    .map(GateResponse.Reason::code)
                                                    .collect(Collectors.joining(", ")))
                                    + "). Review #" + reviewId + " is due by " + now.plus(policy.breakGlassReviewDue())
                                    + ".",
                            Map.of(
                                    "gateDecisionId",
                                    saved.id(),
                                    "reviewId",
                                    reviewId,
                                    "url",
                                    "/approvals/" + reviewId,
                                    "toRevision",
                                    request.toRevision(),
                                    "reason",
                                    emergencyReason)));
        }
        auditTrail.record(AuditRecord.of(request.isEmergency() ? "gate.break-glass" : "gate.decided")
                .project(project.key())
                .environment(environment.key())
                .target("gate-decision", saved.id())
                .details(details));
        return new GateResponse(
                saved.id(),
                decision,
                mode,
                reasons,
                policy.version(),
                request.isEmergency() ? Boolean.TRUE : null,
                reviewId);
    }

    /** Shown per reason before "… and N more"; the full list is in the reason's details. */
    static final int MESSAGES_SHOWN = 3;

    /**
     * One reason for all blockers of one code (a long history can fail the same way on hundreds of revisions):
     * the first messages and a count, every message in {@code details}, the evidence of all of them once.
     */
    private GateResponse.Reason grouped(
            String code, List<DeployReadiness.Blocker> blockers, EnvironmentView environment) {
        if (blockers.size() == 1) {
            DeployReadiness.Blocker only = blockers.get(0);
            return new GateResponse.Reason(code, only.message(), withOpenRequests(only, environment));
        }
        List<String> messages =
                blockers.stream().map(DeployReadiness.Blocker::message).toList();
        String message = blockers.size() + " revisions: "
                + String.join(" ", messages.subList(0, Math.min(MESSAGES_SHOWN, messages.size())))
                + (messages.size() > MESSAGES_SHOWN ? " … and " + (messages.size() - MESSAGES_SHOWN) + " more." : "");
        java.util.LinkedHashSet<EvidenceRef> evidence = new java.util.LinkedHashSet<>();
        blockers.forEach(b -> evidence.addAll(withOpenRequests(b, environment)));
        return new GateResponse.Reason(code, message, List.copyOf(evidence), blockers.size(), messages);
    }

    /** Links an approval reason to the pending requests a person can act on, unless the engine already did. */
    private List<EvidenceRef> withOpenRequests(DeployReadiness.Blocker blocker, EnvironmentView environment) {
        List<EvidenceRef> refs = new ArrayList<>(blocker.evidence() == null ? List.of() : blocker.evidence());
        if ("approval-missing".equals(blocker.code())) {
            Set<String> present = refs.stream()
                    .filter(r -> "approval".equals(r.type()))
                    .map(EvidenceRef::id)
                    .collect(Collectors.toSet());
            requests.findPendingForEnvironment(environment.id()).stream()
                    .filter(r -> !r.review() && !present.contains(String.valueOf(r.id())))
                    .forEach(
                            r -> refs.add(new EvidenceRef("approval", String.valueOf(r.id()), "/approvals/" + r.id())));
        }
        return refs;
    }

    private RuntimeException refuse(ProjectView project, EnvironmentView environment, GateRequest request, String why) {
        auditTrail.recordStandalone(AuditRecord.of("gate.refused")
                .project(project.key())
                .environment(environment.key())
                .details(
                        Map.of("reason", why, "toRevision", request.toRevision(), "emergency", request.isEmergency())));
        return new DecisionRefusedException(why);
    }

    // ---- break-glass grants ---------------------------------------------------------------------------------

    /** Project tokens an admin allowed to break glass. */
    @Transactional(readOnly = true)
    public Set<Long> emergencyTokenIds(String projectKey) {
        return grants.findByProjectId(projects.get(projectKey).id()).stream()
                .map(EmergencyGrant::tokenId)
                .collect(Collectors.toSet());
    }

    @Transactional
    public void allowEmergency(String projectKey, long tokenId, boolean allowed) {
        ProjectView project = projects.get(projectKey);
        TokenView token = tokens.projectTokens(projectKey).stream()
                .filter(t -> t.id() == tokenId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No token #" + tokenId + " in project '" + projectKey + "'."));
        if (allowed == grants.existsById(tokenId)) {
            return;
        }
        if (allowed) {
            if (!token.active()) {
                throw new ConflictException("Token " + token.name() + " is revoked or expired.");
            }
            grants.save(new EmergencyGrant(tokenId, project.id(), currentUser(), clock.instant()));
        } else {
            grants.deleteById(tokenId);
        }
        auditTrail.record(AuditRecord.of(allowed ? "gate.break-glass-allowed" : "gate.break-glass-revoked")
                .project(projectKey)
                .target("api-token", token.publicId())
                .details(Map.of("name", token.name())));
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    /** A stored gate decision by id (what a deployment cites as {@code gateDecisionId}). */
    @Transactional(readOnly = true)
    public java.util.Optional<GateDecisionView> decision(long id) {
        return decisions.findById(id).map(g -> {
            ProjectView project = projects.findById(g.projectId()).orElseThrow();
            String environment = project.environments().stream()
                    .filter(e -> e.id() == g.environmentId())
                    .map(EnvironmentView::key)
                    .findFirst()
                    .orElse(null);
            List<GateDecisionView.Reason> reasons = new ArrayList<>();
            JSON.readTree(g.reasons())
                    .forEach(node -> reasons.add(new GateDecisionView.Reason(
                            node.path("code").asString(), node.path("message").asString())));
            return new GateDecisionView(
                    g.id(),
                    project.key(),
                    environment,
                    g.toRevision(),
                    g.commitSha(),
                    g.decision(),
                    g.mode(),
                    g.emergency(),
                    g.emergencyReason(),
                    List.copyOf(reasons),
                    g.policyVersion(),
                    g.actor(),
                    g.decidedAt());
        });
    }

    /** Deployments of the environment that cite a gate decision which said deny, newest first. */
    @Transactional(readOnly = true)
    public List<DeniedDeployment> deploymentsAgainstDeny(long environmentId) {
        return jdbc.sql("""
                        select d.id, d.to_revision, d.commit_sha, d.status, d.started_at, d.actor_name, g.id, g.decided_at, g.reasons
                        from deployment d join gate_decision g on g.id = d.gate_decision_id
                        where d.environment_id = ? and g.decision = 'deny' order by d.started_at desc, d.id desc""")
                .param(environmentId)
                .query((rs, n) -> new DeniedDeployment(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, java.time.OffsetDateTime.class).toInstant(),
                        rs.getString(6),
                        rs.getLong(7),
                        rs.getObject(8, java.time.OffsetDateTime.class).toInstant(),
                        codes(rs.getString(9))))
                .list();
    }

    private static String codes(String reasonsJson) {
        List<String> codes = new ArrayList<>();
        JSON.readTree(reasonsJson).forEach(node -> codes.add(node.path("code").asString()));
        return String.join(", ", codes);
    }

    private static String currentUser() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
