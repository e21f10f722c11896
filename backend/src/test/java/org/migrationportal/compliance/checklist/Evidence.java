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
import org.migrationportal.compliance.ApprovalRecords.GateDecisionFacts;
import org.migrationportal.compliance.ApprovalRecords.GrantedApproval;
import org.migrationportal.compliance.ApprovalRecords.OverdueReview;
import org.migrationportal.compliance.EnvironmentPolicy;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Backup;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.CiRun;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Deployment;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.DriftReport;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.EnvironmentRef;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Manifest;
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
    private String commitAuthor;
    private String pullRequestAuthor;
    private final Set<String> unvalidated = new HashSet<>();
    private final Map<Long, Long> gateCitations = new HashMap<>();
    private final Map<Long, GateDecisionFacts> gateDecisions = new HashMap<>();

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
                .add(new CiRun(
                        ids++,
                        "ext",
                        null,
                        commit,
                        "main",
                        NOW,
                        1,
                        checks,
                        List.of(),
                        commitAuthor,
                        pullRequestAuthor));
        return this;
    }

    /** Who the CI system saw behind the change, for the runs added after this call. */
    Evidence changeAuthors(String commitAuthor, String pullRequestAuthor) {
        this.commitAuthor = commitAuthor;
        this.pullRequestAuthor = pullRequestAuthor;
        return this;
    }

    /** The commit has no CI run at all, so nothing says what its deployment contains. */
    Evidence noManifest(String commit) {
        unvalidated.add(commit);
        runs.remove(commit);
        return this;
    }

    /** The latest deployment cites this gate decision. */
    Evidence citesGate(GateDecisionFacts decision) {
        gateCitations.put((Long) deployments.get(deployments.size() - 1)[0], decision.id());
        gateDecisions.put(decision.id(), decision);
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
        headRun = new CiRun(ids++, "ext", null, "c-head", "main", NOW, heads, Map.of(), List.of(), null, null);
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
        List<Deployment> judged = deployments.stream()
                .map(d -> deployment(d, graph, gateCitations.get((Long) d[0])))
                .toList();
        // Every deployed commit's CI run carried the manifested migrations, unless the test says it had no run.
        Map<String, Manifest> manifests = new HashMap<>();
        Map<String, Migration> carried = new LinkedHashMap<>();
        migrations.forEach((revision, m) -> {
            if (manifested.contains(revision)) {
                carried.put(revision, m);
            }
        });
        for (Deployment d : judged) {
            if (unvalidated.contains(d.commitSha())) {
                continue;
            }
            List<CiRun> commitRuns = runs.getOrDefault(d.commitSha(), List.of());
            CiRun run = commitRuns.isEmpty()
                    ? new CiRun(0, "ext", null, d.commitSha(), "main", NOW, 1, Map.of(), List.of(), null, null)
                    : commitRuns.get(commitRuns.size() - 1);
            manifests.put(d.commitSha(), new Manifest(run, carried));
        }
        Map<Long, List<Review>> reviewsByVersion = new HashMap<>();
        reviews.forEach((revision, list) -> {
            if (migrations.containsKey(revision)) {
                reviewsByVersion.put(migrations.get(revision).id(), list);
            }
        });
        Map<Long, List<GrantedApproval>> approvalsByVersion = new HashMap<>();
        approvals.forEach((revision, list) -> {
            if (migrations.containsKey(revision)) {
                approvalsByVersion.put(migrations.get(revision).id(), list);
            }
        });
        return new EnvironmentEvidence(
                new ProjectRef(1, "shop", "main"),
                new EnvironmentRef(3, production ? "prod" : "dev", production, verifier == null ? null : 2L, verifier),
                policy,
                NOW,
                prospective,
                judged,
                graph,
                runs,
                manifests,
                reviewsByVersion,
                backups.stream()
                        .sorted((a, b) -> b.takenAt().compareTo(a.takenAt()))
                        .toList(),
                drift,
                headRun,
                verifierDeployments.stream()
                        .map(d -> deployment(d, graph, null))
                        .toList(),
                approvalsAvailable,
                approvalsByVersion,
                overdue,
                gateDecisions);
    }

    private static Deployment deployment(Object[] d, MigrationGraph graph, Long gateDecisionId) {
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
                gateDecisionId,
                graph.range(from, to));
    }

    static Instant at(String time) {
        return Instant.parse("2026-11-" + time + "Z");
    }
}
