package org.migrationportal.compliance.checklist;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migrationportal.compliance.ApprovalRecords.GrantedApproval;
import org.migrationportal.compliance.ApprovalRecords.OverdueReview;
import org.migrationportal.compliance.EnvironmentPolicy;

/**
 * Everything the twelve rules may look at for one environment, read once from the evidence tables
 * (immutable). {@code deployments} are the deployments being judged: the latest N of the environment
 * (oldest first), or a single planned deployment when the deploy gate asks prospectively.
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
        Set<String> manifestedRevisions,
        Map<String, List<Review>> reviewsByRevision,
        List<Backup> backups,
        DriftReport latestDrift,
        CiRun latestDefaultBranchRun,
        List<Deployment> verifierDeployments,
        boolean approvalsAvailable,
        Map<String, List<GrantedApproval>> approvalsByRevision,
        List<OverdueReview> overdueReviews) {

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
            List<String> revisions) {
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
            List<Review> reviews) {}

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

    public Optional<Migration> migration(String revision) {
        return Optional.ofNullable(graph.byRevision().get(revision));
    }

    /** Every migration applied by the judged deployments, each once, in deployment order. */
    public List<Migration> appliedMigrations() {
        Set<String> seen = new LinkedHashSet<>();
        applied().forEach(d -> seen.addAll(d.revisions()));
        List<Migration> result = new ArrayList<>();
        for (String revision : seen) {
            migration(revision).ifPresent(result::add);
        }
        return result;
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
