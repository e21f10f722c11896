package org.migrationportal.approvals;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.migrationportal.approvals.webhooks.WebhookMessage;
import org.migrationportal.approvals.webhooks.Webhooks;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.compliance.EnvironmentPolicy;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.ConflictException;
import org.migrationportal.shared.FieldProblem;
import org.migrationportal.shared.InvalidRequestException;
import org.migrationportal.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The approvals façade: opening requests (by engineers, or automatically for destructive migrations seen
 * in CI on the default branch), deciding them, superseding them when a checksum changes, expiring them,
 * and break-glass reviews. Every state change is audited in its own transaction and queues webhooks.
 */
@Service
public class ApprovalRequests {

    private static final Logger log = LoggerFactory.getLogger(ApprovalRequests.class);
    static final int MAX_COMMENT = 4000;

    private final ApprovalRequestRepository requests;
    private final ApprovalDecisionRepository decisions;
    private final ProjectCatalog projects;
    private final MigrationEvidence evidence;
    private final ApprovalPolicies policies;
    private final AuditTrail auditTrail;
    private final Webhooks webhooks;
    private final Clock clock;

    ApprovalRequests(
            ApprovalRequestRepository requests,
            ApprovalDecisionRepository decisions,
            ProjectCatalog projects,
            MigrationEvidence evidence,
            ApprovalPolicies policies,
            AuditTrail auditTrail,
            Webhooks webhooks,
            Clock clock) {
        this.requests = requests;
        this.decisions = decisions;
        this.projects = projects;
        this.evidence = evidence;
        this.policies = policies;
        this.auditTrail = auditTrail;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    // ---- opening -------------------------------------------------------------------------------------------

    /** An engineer asks for approval of named migrations (bound to their current checksums) in one environment. */
    @Transactional
    public ApprovalRequestView open(NewApprovalRequest command, String requester, String origin) {
        List<FieldProblem> problems = new ArrayList<>();
        ProjectView project = command.project() == null
                ? null
                : projects.find(command.project()).orElse(null);
        if (project == null) {
            throw NotFoundException.project(String.valueOf(command.project()));
        }
        EnvironmentView environment = project.environment(String.valueOf(command.environment()))
                .orElseThrow(() -> NotFoundException.environment(project.key(), command.environment()));
        List<String> revisions = command.revisions() == null
                ? List.of()
                : command.revisions().stream()
                        .map(String::strip)
                        .filter(r -> !r.isEmpty())
                        .distinct()
                        .toList();
        if (revisions.isEmpty()) {
            problems.add(new FieldProblem("revisions", "name at least one migration revision"));
        }
        String reason = command.reason() == null ? "" : command.reason().strip();
        if (reason.isEmpty()) {
            problems.add(new FieldProblem("reason", "must not be blank"));
        } else if (reason.length() > MAX_COMMENT) {
            problems.add(new FieldProblem("reason", "must be at most " + MAX_COMMENT + " characters"));
        }
        List<RequestedMigration> migrations = new ArrayList<>();
        for (int i = 0; i < revisions.size(); i++) {
            Optional<RequestedMigration> current = evidence.current(project.id(), revisions.get(i));
            if (current.isEmpty()) {
                problems.add(new FieldProblem(
                        "revisions[" + i + "]",
                        "the portal has never seen revision '" + revisions.get(i) + "' in a CI run of "
                                + project.key()));
            } else {
                migrations.add(current.get());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        ApprovalRequest saved =
                openRequest(project, environment, requester, requester, origin, null, reason, migrations);
        return view(saved, project, List.of());
    }

    /**
     * A CI run was recorded: if it ran on the project's default branch and its manifest holds destructive
     * migrations, open one request per production environment for those not already covered by a pending or
     * approved request with the same checksum. Idempotent: a replayed event opens nothing new.
     */
    @Transactional
    public List<ApprovalRequestView> openForCiRun(long ciRunId) {
        MigrationEvidence.CiRunFacts run = evidence.ciRun(ciRunId).orElse(null);
        if (run == null) {
            log.warn("CI run {} not found; no approval requests opened", ciRunId);
            return List.of();
        }
        ProjectView project = projects.findById(run.projectId()).orElseThrow();
        // Only the default branch speaks for what will be deployed: a run on any other branch never opens,
        // nor supersedes, a request.
        if (!onDefaultBranch(project, run)) {
            return List.of();
        }
        // A changed checksum in this manifest supersedes pending requests bound to the old one.
        for (RequestedMigration migration : run.destructiveMigrations()) {
            supersedeOtherChecksums(project, migration.revision(), migration.checksum());
        }
        if (run.destructiveMigrations().isEmpty()) {
            return List.of();
        }
        List<ApprovalRequestView> opened = new ArrayList<>();
        for (EnvironmentView environment : project.productionEnvironments()) {
            List<RequestedMigration> uncovered = run.destructiveMigrations().stream()
                    .filter(m -> !covered(environment.id(), m))
                    .toList();
            if (uncovered.isEmpty()) {
                continue;
            }
            Set<String> authors = uncovered.stream()
                    .map(RequestedMigration::author)
                    .filter(a -> a != null && !a.isBlank())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            // The pipeline opens the request on behalf of the change's author; the token is kept as opened_by.
            String requester = authors.size() == 1 ? authors.iterator().next() : "ci";
            String reason = "CI run "
                    + run.commitSha().substring(0, Math.min(12, run.commitSha().length())) + " on "
                    + run.branch() + " contains destructive migrations: "
                    + uncovered.stream().map(RequestedMigration::revision).collect(Collectors.joining(", "));
            ApprovalRequest saved = openRequest(
                    project, environment, requester, "ci-run:" + run.id(), "ci", run.id(), reason, uncovered);
            opened.add(view(saved, project, List.of()));
        }
        return opened;
    }

    private boolean covered(long environmentId, RequestedMigration migration) {
        return !requests.findCovering(
                                environmentId,
                                ApprovalRequest.KIND_APPROVAL,
                                ApprovalStatus.PENDING.value(),
                                migration.revision(),
                                migration.checksum())
                        .isEmpty()
                || !requests.findCovering(
                                environmentId,
                                ApprovalRequest.KIND_APPROVAL,
                                ApprovalStatus.APPROVED.value(),
                                migration.revision(),
                                migration.checksum())
                        .isEmpty();
    }

    private ApprovalRequest openRequest(
            ProjectView project,
            EnvironmentView environment,
            String requester,
            String openedBy,
            String origin,
            Long ciRunId,
            String reason,
            List<RequestedMigration> migrations) {
        EnvironmentPolicy policy = policies.policyFor(project, environment);
        Instant now = clock.instant();
        String opener = openedBy != null ? openedBy : currentActor();
        ApprovalRequest saved = requests.save(new ApprovalRequest(
                project.id(),
                environment.id(),
                ApprovalRequest.KIND_APPROVAL,
                requester,
                opener,
                origin,
                ciRunId,
                null,
                reason,
                policy.approvalsRequired(),
                policy.version(),
                now,
                now.plus(policy.approvalExpiry()),
                null,
                migrations));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requestedBy", requester);
        details.put("origin", origin);
        details.put("approvalsRequired", policy.approvalsRequired());
        details.put("policyVersion", policy.version());
        details.put("expiresAt", saved.expiresAt().toString());
        details.put(
                "migrations",
                migrations.stream().map(m -> m.revision() + "@" + m.checksum()).toList());
        if (ciRunId != null) {
            details.put("ciRunId", ciRunId);
        }
        auditTrail.record(AuditRecord.of("approval.opened")
                .project(project.key())
                .environment(environment.key())
                .target("approval-request", saved.id())
                .details(details));
        webhooks.notify(
                project.id(),
                new WebhookMessage(
                        "approval.opened",
                        project.key(),
                        environment.key(),
                        "Approval requested for " + project.key() + "/" + environment.key() + ": "
                                + migrations.stream()
                                        .map(RequestedMigration::revision)
                                        .collect(Collectors.joining(", "))
                                + " (needs " + policy.approvalsRequired() + ", requested by " + requester + ")",
                        Map.of(
                                "requestId",
                                saved.id(),
                                "url",
                                "/approvals/" + saved.id(),
                                "requestedBy",
                                requester,
                                "approvalsRequired",
                                policy.approvalsRequired(),
                                "migrations",
                                migrations.stream()
                                        .map(RequestedMigration::revision)
                                        .toList())));
        return saved;
    }

    /** Opens the retroactive review of a break-glass deploy; called by the gate inside its transaction. */
    ApprovalRequest openReview(
            ProjectView project,
            EnvironmentView environment,
            EnvironmentPolicy policy,
            long gateDecisionId,
            String requester,
            String reason,
            List<RequestedMigration> migrations) {
        Instant now = clock.instant();
        ApprovalRequest saved = requests.save(new ApprovalRequest(
                project.id(),
                environment.id(),
                ApprovalRequest.KIND_REVIEW,
                requester,
                requester,
                "gate",
                null,
                gateDecisionId,
                reason,
                1,
                policy.version(),
                now,
                null,
                now.plus(policy.breakGlassReviewDue()),
                migrations));
        auditTrail.record(AuditRecord.of("break-glass.review-opened")
                .project(project.key())
                .environment(environment.key())
                .target("approval-request", saved.id())
                .details(Map.of(
                        "gateDecisionId", gateDecisionId, "dueAt", saved.dueAt().toString(), "reason", reason)));
        return saved;
    }

    // ---- superseding -----------------------------------------------------------------------------------------

    /**
     * A migration's checksum changed on the default branch: every pending request bound to another checksum of
     * that revision is superseded (a changed migration needs a new approval). A change seen only on another
     * branch supersedes nothing. Returns the ids superseded.
     */
    @Transactional
    public List<Long> supersedeChangedMigration(String projectKey, String revision, String newChecksum, long ciRunId) {
        ProjectView project = projects.get(projectKey);
        boolean fromDefaultBranch = evidence.ciRun(ciRunId)
                .filter(run -> onDefaultBranch(project, run))
                .isPresent();
        return fromDefaultBranch ? supersedeOtherChecksums(project, revision, newChecksum) : List.of();
    }

    private static boolean onDefaultBranch(ProjectView project, MigrationEvidence.CiRunFacts run) {
        return project.defaultBranch() != null && project.defaultBranch().equals(run.branch());
    }

    private List<Long> supersedeOtherChecksums(ProjectView project, String revision, String checksum) {
        List<Long> superseded = new ArrayList<>();
        Instant now = clock.instant();
        for (ApprovalRequest request : requests.findPendingWithOtherChecksum(project.id(), revision, checksum)) {
            String old = request.migrations().stream()
                    .filter(m -> m.revision().equals(revision))
                    .map(RequestedMigration::checksum)
                    .findFirst()
                    .orElse("?");
            request.close(
                    ApprovalStatus.SUPERSEDED,
                    now,
                    "checksum of " + revision + " changed from " + old + " to " + checksum);
            String environmentKey = environmentKey(project, request.environmentId());
            auditTrail.record(AuditRecord.of("approval.superseded")
                    .project(project.key())
                    .environment(environmentKey)
                    .target("approval-request", request.id())
                    .bySystem("approvals")
                    .details(Map.of("revision", revision, "oldChecksum", old, "newChecksum", checksum)));
            webhooks.notify(
                    project.id(),
                    new WebhookMessage(
                            "approval.superseded",
                            project.key(),
                            environmentKey,
                            "Approval request #" + request.id() + " for " + project.key() + "/" + environmentKey
                                    + " was superseded: " + revision + " changed.",
                            Map.of(
                                    "requestId",
                                    request.id(),
                                    "url",
                                    "/approvals/" + request.id(),
                                    "revision",
                                    revision)));
            superseded.add(request.id());
        }
        return superseded;
    }

    // ---- deciding --------------------------------------------------------------------------------------------

    /**
     * One person's decision. Refused (403, audited) when the decider is not an approver of the project, or
     * approves their own request or a request containing their own migration; 409 when the request is no
     * longer pending or they already decided. One rejection rejects; the N-th approval approves.
     */
    @Transactional
    public ApprovalRequestView decide(long requestId, Decider decider, String decision, String comment) {
        // Row lock: concurrent decisions on one request are counted one after the other.
        ApprovalRequest request = requests.lockById(requestId)
                .orElseThrow(() -> new NotFoundException("No approval request #" + requestId + "."));
        ProjectView project = projects.findById(request.projectId()).orElseThrow();
        String environmentKey = environmentKey(project, request.environmentId());
        String normalized = decision == null ? "" : decision.strip().toLowerCase(Locale.ROOT);
        String text = comment == null ? "" : comment.strip();
        List<FieldProblem> problems = new ArrayList<>();
        if (!ApprovalDecision.APPROVE.equals(normalized) && !ApprovalDecision.REJECT.equals(normalized)) {
            problems.add(new FieldProblem("decision", "must be approve or reject"));
        }
        if (text.isEmpty()) {
            problems.add(new FieldProblem("comment", "must not be blank: every decision carries a comment"));
        } else if (text.length() > MAX_COMMENT) {
            problems.add(new FieldProblem("comment", "must be at most " + MAX_COMMENT + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        DecisionRules.Request facts = new DecisionRules.Request(
                project.key(),
                request.id(),
                request.requestedBy(),
                request.status(),
                request.migrations(),
                request.ciRunId() == null
                        ? List.of()
                        : evidence.ciRun(request.ciRunId())
                                .map(MigrationEvidence.CiRunFacts::changeAuthors)
                                .orElse(List.of()));
        Optional<DecisionRules.Refusal> refusal = DecisionRules.refusal(
                facts,
                new DecisionRules.Decision(
                        decider.username(),
                        decider.approves(project.key()),
                        normalized,
                        decisions.existsByRequestIdAndDecidedBy(request.id(), decider.username())));
        if (refusal.isPresent() && refusal.get().forbidden()) {
            auditTrail.recordStandalone(AuditRecord.of("approval.decision-refused")
                    .project(project.key())
                    .environment(environmentKey)
                    .target("approval-request", request.id())
                    .by(decider.username(), "user")
                    .details(Map.of(
                            "decision", normalized, "reason", refusal.get().message(), "channel", decider.channel())));
            throw new DecisionRefusedException(refusal.get().message());
        }
        if (refusal.isPresent()) {
            throw new ConflictException(refusal.get().message());
        }
        Instant now = clock.instant();
        decisions.save(
                new ApprovalDecision(request.id(), decider.username(), normalized, text, decider.channel(), now));
        List<ApprovalDecision> all = decisions.findByRequestIdOrderByDecidedAtAscIdAsc(request.id());
        long approvals = all.stream().filter(ApprovalDecision::approves).count();
        if (ApprovalDecision.REJECT.equals(normalized)) {
            request.close(ApprovalStatus.REJECTED, now, "rejected by " + decider.username());
        } else if (approvals >= request.approvalsRequired()) {
            request.close(
                    ApprovalStatus.APPROVED, now, approvals + " of " + request.approvalsRequired() + " approvals");
        }
        requests.saveAndFlush(request);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decision", normalized);
        details.put("comment", text);
        details.put("channel", decider.channel());
        details.put("approvals", approvals);
        details.put("approvalsRequired", request.approvalsRequired());
        details.put("status", request.status());
        auditTrail.record(AuditRecord.of(request.review() ? "break-glass.review-decided" : "approval.decided")
                .project(project.key())
                .environment(environmentKey)
                .target("approval-request", request.id())
                .by(decider.username(), "user")
                .details(details));
        if (!request.pending()) {
            webhooks.notify(
                    project.id(),
                    new WebhookMessage(
                            "approval.decided",
                            project.key(),
                            environmentKey,
                            (request.review() ? "Break-glass review #" : "Approval request #") + request.id() + " for "
                                    + project.key() + "/" + environmentKey + " was " + request.status() + " by "
                                    + decider.username()
                                    + ": " + text,
                            Map.of(
                                    "requestId",
                                    request.id(),
                                    "url",
                                    "/approvals/" + request.id(),
                                    "status",
                                    request.status(),
                                    "decidedBy",
                                    decider.username())));
        }
        return view(request, project, all);
    }

    // ---- scheduled work --------------------------------------------------------------------------------------

    /** Expires pending approval requests past their expiry. Returns how many expired. */
    @Transactional
    public int expireDue() {
        Instant now = clock.instant();
        int expired = 0;
        for (Long id : requests.findExpiredIds(now)) {
            ApprovalRequest request = requests.lockById(id).orElseThrow();
            if (!request.pending()) {
                continue; // decided meanwhile
            }
            ProjectView project = projects.findById(request.projectId()).orElseThrow();
            String environmentKey = environmentKey(project, request.environmentId());
            request.close(ApprovalStatus.EXPIRED, now, "no decision before " + request.expiresAt());
            auditTrail.record(AuditRecord.of("approval.expired")
                    .project(project.key())
                    .environment(environmentKey)
                    .target("approval-request", id)
                    .bySystem("approvals-scheduler")
                    .details(Map.of("expiresAt", request.expiresAt().toString())));
            webhooks.notify(
                    project.id(),
                    new WebhookMessage(
                            "approval.expired",
                            project.key(),
                            environmentKey,
                            "Approval request #" + id + " for " + project.key() + "/" + environmentKey
                                    + " expired without a decision.",
                            Map.of("requestId", id, "url", "/approvals/" + id)));
            expired++;
        }
        return expired;
    }

    /** Marks break-glass reviews that passed their due time (once each): audited and notified. */
    @Transactional
    public int flagOverdueReviews() {
        Instant now = clock.instant();
        int flagged = 0;
        for (Long id : requests.findNewlyOverdueIds(now)) {
            ApprovalRequest review = requests.findById(id).orElseThrow();
            ProjectView project = projects.findById(review.projectId()).orElseThrow();
            String environmentKey = environmentKey(project, review.environmentId());
            review.markOverdueNotified(now);
            auditTrail.record(AuditRecord.of("break-glass.review-overdue")
                    .project(project.key())
                    .environment(environmentKey)
                    .target("approval-request", id)
                    .bySystem("approvals-scheduler")
                    .details(Map.of("dueAt", review.dueAt().toString())));
            webhooks.notify(
                    project.id(),
                    new WebhookMessage(
                            "review.overdue",
                            project.key(),
                            environmentKey,
                            "Break-glass review #" + id + " for " + project.key() + "/" + environmentKey
                                    + " is overdue (due " + review.dueAt() + ").",
                            Map.of("requestId", id, "url", "/approvals/" + id)));
            flagged++;
        }
        return flagged;
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public ApprovalRequestView get(long id) {
        ApprovalRequest request =
                requests.findById(id).orElseThrow(() -> new NotFoundException("No approval request #" + id + "."));
        ProjectView project = projects.findById(request.projectId()).orElseThrow();
        return view(request, project, decisions.findByRequestIdOrderByDecidedAtAscIdAsc(id));
    }

    @Transactional(readOnly = true)
    public ApprovalDetails details(long id) {
        ApprovalRequestView view = get(id);
        long projectId = projects.get(view.project()).id();
        return new ApprovalDetails(
                view,
                evidence.describe(
                        projectId,
                        view.migrations().stream()
                                .map(m -> new RequestedMigration(m.revision(), m.checksum(), m.author()))
                                .toList()));
    }

    /** Requests matching the filters (any may be null), newest first, at most 500. */
    @Transactional(readOnly = true)
    public List<ApprovalRequestView> list(String projectKey, String environmentKey, String status) {
        Long projectId = null;
        Long environmentId = null;
        if (projectKey != null && !projectKey.isBlank()) {
            ProjectView project = projects.get(projectKey);
            projectId = project.id();
            if (environmentKey != null && !environmentKey.isBlank()) {
                environmentId = project.environment(environmentKey)
                        .orElseThrow(() -> NotFoundException.environment(projectKey, environmentKey))
                        .id();
            }
        } else if (environmentKey != null && !environmentKey.isBlank()) {
            throw new InvalidRequestException("environment", "filter by project as well when filtering by environment");
        }
        String statusValue = null;
        if (status != null && !status.isBlank()) {
            statusValue = ApprovalStatus.fromValue(status)
                    .map(ApprovalStatus::value)
                    .orElseThrow(() -> new InvalidRequestException(
                            "status", "must be one of pending, approved, rejected, expired, superseded"));
        }
        return views(requests.search(projectId, environmentId, statusValue));
    }

    /** Pending requests and reviews in the projects this user approves for: the number in the navigation. */
    @Transactional(readOnly = true)
    public long pendingCountFor(Collection<String> approverProjectKeys) {
        List<Long> ids = approverProjectKeys.stream()
                .map(projects::find)
                .flatMap(Optional::stream)
                .map(ProjectView::id)
                .toList();
        return ids.isEmpty() ? 0 : requests.countPending(ids);
    }

    /**
     * Every approval request (any status) of the environment that covers one of the revisions, plus the
     * break-glass review opened for the gate decision (if any), oldest first, with their decisions: the
     * evidence a change record shows for a deployment.
     */
    @Transactional(readOnly = true)
    public List<ApprovalRequestView> forDeployment(
            long environmentId, Collection<String> revisions, Long gateDecisionId) {
        if (revisions.isEmpty() && gateDecisionId == null) {
            return List.of();
        }
        // An empty IN list and a null id never match; -1 stands for "no gate decision" (ids are positive).
        Collection<String> names = revisions.isEmpty() ? List.of("") : revisions;
        return views(requests.findForDeployment(environmentId, names, gateDecisionId == null ? -1L : gateDecisionId));
    }

    /** Pending requests and reviews of one environment (evidence for the gate's approval reasons). */
    @Transactional(readOnly = true)
    public List<ApprovalRequestView> pendingFor(long environmentId) {
        return views(requests.findPendingForEnvironment(environmentId));
    }

    private List<ApprovalRequestView> views(List<ApprovalRequest> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        Map<Long, ProjectView> byId =
                projects.list(true).stream().collect(Collectors.toMap(ProjectView::id, Function.identity()));
        Map<Long, List<ApprovalDecision>> byRequest =
                decisions
                        .findByRequestIdInOrderByDecidedAtAscIdAsc(
                                found.stream().map(ApprovalRequest::id).toList())
                        .stream()
                        .collect(Collectors.groupingBy(ApprovalDecision::requestId));
        return found.stream()
                .map(r -> view(r, byId.get(r.projectId()), byRequest.getOrDefault(r.id(), List.of())))
                .toList();
    }

    private ApprovalRequestView view(ApprovalRequest request, ProjectView project, List<ApprovalDecision> all) {
        Instant now = clock.instant();
        int given = (int) all.stream().filter(ApprovalDecision::approves).count();
        boolean overdue = request.review()
                && request.pending()
                && request.dueAt() != null
                && !request.dueAt().isAfter(now);
        return new ApprovalRequestView(
                request.id(),
                project.key(),
                environmentKey(project, request.environmentId()),
                request.kind(),
                request.status(),
                request.requestedBy(),
                request.openedBy(),
                request.origin(),
                request.reason(),
                request.approvalsRequired(),
                given,
                request.policyVersion(),
                request.openedAt(),
                request.expiresAt(),
                request.dueAt(),
                request.closedAt(),
                request.closedReason(),
                overdue,
                request.gateDecisionId(),
                request.migrations().stream()
                        .map(m -> new ApprovalRequestView.Migration(m.revision(), m.checksum(), m.author()))
                        .toList(),
                all.stream()
                        .map(d -> new ApprovalRequestView.Decision(
                                d.decidedBy(), d.decision(), d.comment(), d.channel(), d.decidedAt()))
                        .toList());
    }

    static String environmentKey(ProjectView project, long environmentId) {
        return project.environments().stream()
                .filter(e -> e.id() == environmentId)
                .map(EnvironmentView::key)
                .findFirst()
                .orElse("#" + environmentId);
    }

    private static String currentActor() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return "system";
        }
        if (authentication.getPrincipal() instanceof org.migrationportal.audit.AuditedActor actor) {
            return actor.auditName();
        }
        return authentication.getName();
    }
}
