package org.migrationportal.compliance.checklist;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migrationportal.compliance.ApprovalRecords.GateDecisionFacts;
import org.migrationportal.compliance.ApprovalRecords.GrantedApproval;
import org.migrationportal.compliance.ApprovalRecords.OverdueReview;
import org.migrationportal.compliance.EnvironmentPolicy;

/**
 * Everything the rules may look at for one environment, read once from the evidence tables (immutable).
 * {@code deployments} are the deployments being judged: the latest N of the environment (oldest first), or a
 * single planned deployment when the deploy gate asks prospectively.
 *
 * <p>What a deployment of commit C contains is what C's CI run validated: {@code manifestsByCommit} holds,
 * per judged commit, the versions in the manifest of that run (the latest attempt whose required checks
 * passed, else the latest). A commit without a CI run has no manifest: its revisions resolve to nothing,
 * never to what some other run said. {@code graph} is the revision catalogue, used only for ancestry.
 */
public record EnvironmentEvidence(
        ProjectRef project,
        EnvironmentRef environment,
        EnvironmentPolicy policy,
        Instant now,
        boolean prospective,
        List<Deployment> deployments,
        MigrationGraph graph,
        Map<String, List<CiRun>> ciRunsByCommit,
        Map<String, Manifest> manifestsByCommit,
        Map<Long, List<Review>> reviewsByVersion,
        List<Backup> backups,
        DriftReport latestDrift,
        CiRun latestDefaultBranchRun,
        List<Deployment> verifierDeployments,
        boolean approvalsAvailable,
        Map<Long, List<GrantedApproval>> approvalsByVersion,
        List<OverdueReview> overdueReviews,
        Map<Long, GateDecisionFacts> gateDecisions) {

    /** The versions one CI run validated, by revision. */
    public record Manifest(CiRun run, Map<String, Migration> byRevision) {}

    public record ProjectRef(long id, String key, String defaultBranch) {}

    public record EnvironmentRef(long id, String key, boolean production, Long verifierId, String verifierKey) {}

    public record Deployment(
            long id,
            String externalId,
            String url,
            String commitSha,
            String fromRevision,
            String toRevision,
            String status,
            Instant startedAt,
            Instant finishedAt,
            String actorType,
            String actorName,
            Long tokenId,
            boolean tokenRestricted,
            Long maxLockMs,
            String backupRef,
            Long gateDecisionId,
            List<String> revisions) {
        public Deployment withRevisions(List<String> applied) {
            return new Deployment(
                    id,
                    externalId,
                    url,
                    commitSha,
                    fromRevision,
                    toRevision,
                    status,
                    startedAt,
                    finishedAt,
                    actorType,
                    actorName,
                    tokenId,
                    tokenRestricted,
                    maxLockMs,
                    backupRef,
                    gateDecisionId,
                    List.copyOf(applied));
        }

        public boolean succeeded() {
            return "succeeded".equals(status);
        }

        /** What a rule judges: deployments that ran (or, prospectively, will run) migrations. */
        public boolean applied() {
            return "succeeded".equals(status) || "planned".equals(status);
        }
    }

    public record Operation(String type, String table, String column, boolean concurrently, boolean destructive) {
        public String describe() {
            String verb = type.replace('_', ' ');
            if (type.startsWith("drop_")) {
                verb = "drops";
            }
            String target = table == null ? "" : table + (column == null ? "" : "." + column);
            return (verb + " " + target).trim();
        }
    }

    public record Migration(
            long id,
            String revision,
            List<String> parents,
            String description,
            String author,
            String checksum,
            String downgrade,
            boolean transactional,
            String phase,
            String expandRevision,
            boolean destructive,
            List<Operation> operations) {
        public Migration withOperations(List<Operation> ops) {
            return new Migration(
                    id,
                    revision,
                    parents,
                    description,
                    author,
                    checksum,
                    downgrade,
                    transactional,
                    phase,
                    expandRevision,
                    destructive,
                    List.copyOf(ops));
        }

        public boolean isDestructive() {
            return destructive || operations.stream().anyMatch(Operation::destructive);
        }

        /** "drops lessons.legacy_path", from the first destructive operation (or the description). */
        public String destructiveSummary() {
            return operations.stream()
                    .filter(Operation::destructive)
                    .findFirst()
                    .map(Operation::describe)
                    .orElse(description == null ? "is destructive" : description);
        }
    }

    public record CiRun(
            long id,
            String externalId,
            String url,
            String commitSha,
            String branch,
            Instant startedAt,
            int headCount,
            Map<String, String> checks,
            List<Review> reviews,
            String commitAuthor,
            String pullRequestAuthor) {

        /** The people the CI system saw behind the change: they stand in for a migration author nobody named. */
        public List<String> changeAuthors() {
            return java.util.stream.Stream.of(commitAuthor, pullRequestAuthor)
                    .filter(a -> a != null && !a.isBlank())
                    .distinct()
                    .toList();
        }
    }

    public record Review(long ciRunId, String reviewer, String state) {
        public boolean approving() {
            return "approved".equalsIgnoreCase(state);
        }
    }

    public record Backup(long id, String ref, Instant takenAt, Instant verifiedAt, String location) {}

    public record DriftReport(long id, Instant checkedAt, boolean drifted, String diff) {}

    public List<Deployment> applied() {
        return deployments.stream().filter(Deployment::applied).toList();
    }

    /** The manifest of the CI run that validated the deployment's commit, if any. */
    public Optional<Manifest> manifest(Deployment deployment) {
        return Optional.ofNullable(manifestsByCommit.get(deployment.commitSha()));
    }

    /** The version of {@code revision} the deployment applied: the one in its commit's manifest. */
    public Optional<Migration> migration(Deployment deployment, String revision) {
        return manifest(deployment).map(m -> m.byRevision().get(revision));
    }

    /** Every version applied by the judged deployments, each once, in deployment order. */
    public List<Migration> appliedMigrations() {
        Map<Long, Migration> seen = new java.util.LinkedHashMap<>();
        for (Deployment d : applied()) {
            for (String revision : d.revisions()) {
                migration(d, revision).ifPresent(m -> seen.putIfAbsent(m.id(), m));
            }
        }
        return new ArrayList<>(seen.values());
    }

    /** The project's migration graph: revision → migration with its parents. */
    public record MigrationGraph(Map<String, Migration> byRevision) {

        /** Revisions applied when moving from {@code from} (exclusive) to {@code to} (inclusive), oldest first. */
        public List<String> range(String from, String to) {
            Set<String> below = from == null ? Set.of() : ancestorsOrSelf(from);
            List<String> collected = new ArrayList<>();
            Deque<String> queue = new ArrayDeque<>();
            Set<String> seen = new HashSet<>();
            queue.add(to);
            while (!queue.isEmpty()) {
                String revision = queue.poll();
                if (revision == null || below.contains(revision) || !seen.add(revision)) {
                    continue;
                }
                collected.add(revision);
                Migration migration = byRevision.get(revision);
                if (migration != null) {
                    queue.addAll(migration.parents());
                }
            }
            java.util.Collections.reverse(collected);
            return collected;
        }

        public Set<String> ancestorsOrSelf(String revision) {
            Set<String> seen = new HashSet<>();
            Deque<String> queue = new ArrayDeque<>();
            queue.add(revision);
            while (!queue.isEmpty()) {
                String current = queue.poll();
                if (!seen.add(current)) {
                    continue;
                }
                Migration migration = byRevision.get(current);
                if (migration != null) {
                    queue.addAll(migration.parents());
                }
            }
            return seen;
        }

        /** Revisions that are nobody's parent. */
        public List<String> heads() {
            Set<String> parents = new HashSet<>();
            byRevision.values().forEach(m -> parents.addAll(m.parents()));
            return byRevision.keySet().stream()
                    .filter(r -> !parents.contains(r))
                    .sorted()
                    .toList();
        }
    }
}
