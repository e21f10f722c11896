package org.migrationportal.compliance.checklist;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.migrationportal.compliance.ApprovalRecords.GrantedApproval;
import org.migrationportal.compliance.ApprovalRecords.OverdueReview;
import org.migrationportal.compliance.EnvironmentPolicy;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Backup;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.CiRun;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Deployment;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.DriftReport;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.EnvironmentRef;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Migration;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.MigrationGraph;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Operation;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.ProjectRef;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Review;

/** A fluent builder of evidence for rule tests: a production environment {@code prod} verified by {@code staging}. */
final class Evidence {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private boolean production = true;
    private String verifier = "staging";
    private EnvironmentPolicy policy = EnvironmentPolicy.defaults(3, true);
    private boolean prospective;
    private final Map<String, Migration> migrations = new LinkedHashMap<>();
    private final List<Object[]> deployments = new ArrayList<>();
    private final List<Object[]> verifierDeployments = new ArrayList<>();
    private final Map<String, List<CiRun>> runs = new HashMap<>();
    private final Set<String> manifested = new HashSet<>();
    private final Map<String, List<Review>> reviews = new HashMap<>();
    private final List<Backup> backups = new ArrayList<>();
    private DriftReport drift;
    private CiRun headRun;
    private boolean approvalsAvailable = true;
    private final Map<String, List<GrantedApproval>> approvals = new HashMap<>();
    private final List<OverdueReview> overdue = new ArrayList<>();
    private long ids = 1;

    static Evidence prod() {
        return new Evidence();
    }

    static Evidence nonProduction() {
        Evidence e = new Evidence();
        e.production = false;
        e.verifier = null;
        e.policy = EnvironmentPolicy.defaults(3, false);
        return e;
    }

    Evidence noVerifier() {
        verifier = null;
        return this;
    }

    Evidence prospective() {
        prospective = true;
        return this;
    }

    Evidence policy(UnaryOperator<EnvironmentPolicy> change) {
        policy = change.apply(policy);
        return this;
    }

    Evidence noApprovalModule() {
        approvalsAvailable = false;
        return this;
    }

    /** A reversible, transactional migration by tomas, manifested in CI and approved in review by mira. */
    Evidence migration(String revision, String parent) {
        migrations.put(
                revision,
                new Migration(
                        ids++,
                        revision,
                        parent == null ? List.of() : List.of(parent),
                        "change " + revision,
                        "tomas",
                        "sha256:" + revision,
                        "reversible",
                        true,
                        "none",
                        null,
                        false,
                        List.of()));
        manifested.add(revision);
        review(revision, "mira", "approved");
        return this;
    }

    Evidence change(String revision, UnaryOperator<Migration> change) {
        migrations.put(revision, change.apply(migrations.get(revision)));
        return this;
    }

    Evidence downgrade(String revision, String kind) {
        return change(
                revision,
                m -> new Migration(
                        m.id(),
                        m.revision(),
                        m.parents(),
                        m.description(),
                        m.author(),
                        m.checksum(),
                        kind,
                        m.transactional(),
                        m.phase(),
                        m.expandRevision(),
                        m.destructive(),
                        m.operations()));
    }

    Evidence operations(String revision, boolean transactional, Operation... operations) {
        return change(
                revision,
                m -> new Migration(
                        m.id(),
                        m.revision(),
                        m.parents(),
                        m.description(),
                        m.author(),
                        m.checksum(),
                        m.downgrade(),
                        transactional,
                        m.phase(),
                        m.expandRevision(),
                        m.destructive(),
                        List.of(operations)));
    }

    Evidence destructive(String revision) {
        return operations(revision, true, new Operation("drop_column", "lessons", "legacy_path", false, true));
    }

    Evidence phase(String revision, String phase, String expand) {
        return change(
                revision,
                m -> new Migration(
                        m.id(),
                        m.revision(),
                        m.parents(),
                        m.description(),
                        m.author(),
                        m.checksum(),
                        m.downgrade(),
                        m.transactional(),
                        phase,
                        expand,
                        m.destructive(),
                        m.operations()));
    }

    Evidence notManifested(String revision) {
        manifested.remove(revision);
        return this;
    }

    Evidence noReviews(String revision) {
        reviews.remove(revision);
        return this;
    }

    Evidence review(String revision, String reviewer, String state) {
        reviews.computeIfAbsent(revision, k -> new ArrayList<>()).add(new Review(1, reviewer, state));
        return this;
    }

    /** A succeeded pipeline deployment with a token restricted to the environment, commit "c-" + to. */
    Evidence deploy(String from, String to, Instant startedAt) {
        return deployment(from, to, startedAt, "succeeded", "pipeline", 7L, true, null);
    }

    Evidence deployment(
            String from,
            String to,
            Instant startedAt,
            String status,
            String actor,
            Long token,
            boolean restricted,
            Long lockMs) {
        deployments.add(new Object[] {ids++, from, to, startedAt, status, actor, token, restricted, lockMs});
        return this;
    }

    Evidence verified(String from, String to, Instant finishedAt, Long lockMs) {
        verifierDeployments.add(new Object[] {
            ids++, from, to, finishedAt.minusSeconds(60), "succeeded", "pipeline", 8L, true, lockMs, finishedAt
        });
        return this;
    }

    Evidence ciRun(String commit, Map<String, String> checks) {
        runs.computeIfAbsent(commit, k -> new ArrayList<>())
                .add(new CiRun(ids++, "ext", null, commit, "main", NOW, 1, checks, List.of()));
        return this;
    }

    Evidence ciPassed(String commit) {
        return ciRun(commit, Map.of("lint", "passed", "heads", "passed", "smoke", "passed", "drift", "passed"));
    }

    Evidence backup(Instant takenAt, Instant verifiedAt) {
        backups.add(new Backup(ids++, "b" + ids, takenAt, verifiedAt, "s3://b"));
        return this;
    }

    Evidence drift(Instant checkedAt, boolean drifted, String diff) {
        drift = new DriftReport(ids++, checkedAt, drifted, diff);
        return this;
    }

    Evidence headRun(int heads) {
        headRun = new CiRun(ids++, "ext", null, "c-head", "main", NOW, heads, Map.of(), List.of());
        return this;
    }

    Evidence approval(String revision, String requester, Instant approvedAt, String... approvers) {
        approvals
                .computeIfAbsent(revision, k -> new ArrayList<>())
                .add(new GrantedApproval(ids++, requester, List.of(approvers), approvedAt));
        return this;
    }

    Evidence overdueReview(Instant due) {
        overdue.add(new OverdueReview(ids++, due, "break-glass"));
        return this;
    }

    EnvironmentEvidence build() {
        MigrationGraph graph = new MigrationGraph(migrations);
        return new EnvironmentEvidence(
                new ProjectRef(1, "shop", "main"),
                new EnvironmentRef(3, production ? "prod" : "dev", production, verifier == null ? null : 2L, verifier),
                policy,
                NOW,
                prospective,
                deployments.stream().map(d -> deployment(d, graph)).toList(),
                graph,
                runs,
                manifested,
                reviews,
                backups.stream()
                        .sorted((a, b) -> b.takenAt().compareTo(a.takenAt()))
                        .toList(),
                drift,
                headRun,
                verifierDeployments.stream().map(d -> deployment(d, graph)).toList(),
                approvalsAvailable,
                approvals,
                overdue);
    }

    private static Deployment deployment(Object[] d, MigrationGraph graph) {
        String from = (String) d[1];
        String to = (String) d[2];
        Instant started = (Instant) d[3];
        Instant finished = d.length > 9 ? (Instant) d[9] : started.plus(Duration.ofMinutes(1));
        return new Deployment(
                (Long) d[0],
                "ext-" + d[0],
                null,
                "c-" + to,
                from,
                to,
                (String) d[4],
                started,
                finished,
                (String) d[5],
                "deployer",
                (Long) d[6],
                (Boolean) d[7],
                (Long) d[8],
                null,
                graph.range(from, to));
    }

    static Instant at(String time) {
        return Instant.parse("2026-11-" + time + "Z");
    }
}
