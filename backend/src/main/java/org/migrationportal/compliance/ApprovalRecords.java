package org.migrationportal.compliance;

import java.time.Instant;
import java.util.List;

/**
 * What the compliance rules need to know about approvals, without depending on the approvals module:
 * the approvals module implements this port (dependency inversion keeps the module graph acyclic:
 * approvals depends on compliance, never the reverse).
 */
public interface ApprovalRecords {

    /** Approval requests for this environment that cover the revision with exactly this checksum and reached {@code approved}. */
    List<GrantedApproval> grantedFor(long environmentId, String revision, String checksum);

    /** Break-glass reviews of this environment that are still open after their due time. */
    List<OverdueReview> overdueReviews(long environmentId, Instant now);

    /** The stored gate decisions with these ids (what deployments cite as {@code gateDecisionId}); unknown ids are absent. */
    default java.util.Map<Long, GateDecisionFacts> gateDecisions(java.util.Collection<Long> ids) {
        return java.util.Map.of();
    }

    /** False only for the stand-in used while no approvals module is installed ({@link NoApprovalModule}). */
    default boolean available() {
        return true;
    }

    /** Pending approval requests across all projects, for the overview (0 when the module cannot tell). */
    default long pendingCount() {
        return 0;
    }

    /**
     * @param approvers everyone whose approving decision counted, in decision order
     * @param approvedAt when the request reached {@code approved} (the last needed approval)
     */
    record GrantedApproval(long requestId, String requester, List<String> approvers, Instant approvedAt) {}

    /** What a gate decision said, about which deployment, and when. */
    record GateDecisionFacts(
            long id, long environmentId, String toRevision, String commitSha, String decision, Instant decidedAt) {
        public boolean allowed() {
            return "allow".equals(decision);
        }
    }

    record OverdueReview(long reviewId, Instant dueAt, String reason) {}
}
