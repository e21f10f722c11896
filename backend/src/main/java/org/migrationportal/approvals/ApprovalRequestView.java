package org.migrationportal.approvals;

import java.time.Instant;
import java.util.List;

/**
 * An approval request or break-glass review as pages and the API show it.
 *
 * @param kind {@code approval} or {@code review} (retroactive review of a break-glass deploy)
 * @param requestedBy the person asking (for a request opened by CI: the migrations' author)
 * @param openedBy who or what opened it (a user, or the pipeline token that posted the CI run)
 * @param origin {@code ui}, {@code api}, {@code ci} or {@code gate}
 */
public record ApprovalRequestView(
        long id,
        String project,
        String environment,
        String kind,
        String status,
        String requestedBy,
        String openedBy,
        String origin,
        String reason,
        int approvalsRequired,
        int approvalsGiven,
        int policyVersion,
        Instant openedAt,
        Instant expiresAt,
        Instant dueAt,
        Instant closedAt,
        String closedReason,
        boolean overdue,
        Long gateDecisionId,
        List<Migration> migrations,
        List<Decision> decisions) {

    public record Migration(String revision, String checksum, String author) {}

    public record Decision(String decidedBy, String decision, String comment, String channel, Instant decidedAt) {}

    public boolean pending() {
        return ApprovalStatus.PENDING.value().equals(status);
    }
}
