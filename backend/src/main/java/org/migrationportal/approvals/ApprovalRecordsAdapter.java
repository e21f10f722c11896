package org.migrationportal.approvals;

import java.time.Instant;
import java.util.List;
import org.migrationportal.compliance.ApprovalRecords;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Answers the compliance rules' questions about approvals (the port lives in compliance, so the graph stays acyclic). */
@Component
class ApprovalRecordsAdapter implements ApprovalRecords {

    private final ApprovalRequestRepository requests;
    private final ApprovalDecisionRepository decisions;

    private final GateDecisionRepository gateDecisions;

    ApprovalRecordsAdapter(
            ApprovalRequestRepository requests,
            ApprovalDecisionRepository decisions,
            GateDecisionRepository gateDecisions) {
        this.requests = requests;
        this.decisions = decisions;
        this.gateDecisions = gateDecisions;
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<Long, GateDecisionFacts> gateDecisions(java.util.Collection<Long> ids) {
        java.util.Map<Long, GateDecisionFacts> found = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        gateDecisions
                .findAllById(ids)
                .forEach(g -> found.put(
                        g.id(),
                        new GateDecisionFacts(
                                g.id(),
                                g.environmentId(),
                                g.toRevision(),
                                g.commitSha(),
                                g.decision(),
                                g.decidedAt())));
        return found;
    }

    @Override
    @Transactional(readOnly = true)
    public List<GrantedApproval> grantedFor(long environmentId, String revision, String checksum) {
        return requests
                .findCovering(
                        environmentId,
                        ApprovalRequest.KIND_APPROVAL,
                        ApprovalStatus.APPROVED.value(),
                        revision,
                        checksum)
                .stream()
                .map(r -> new GrantedApproval(
                        r.id(),
                        r.requestedBy(),
                        decisions.findByRequestIdOrderByDecidedAtAscIdAsc(r.id()).stream()
                                .filter(ApprovalDecision::approves)
                                .map(ApprovalDecision::decidedBy)
                                .toList(),
                        r.closedAt()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public long pendingCount() {
        return requests.countByStatus(ApprovalStatus.PENDING.value());
    }

    @Override
    @Transactional(readOnly = true)
    public List<OverdueReview> overdueReviews(long environmentId, Instant now) {
        return requests.findOverdueReviews(environmentId, now).stream()
                .map(r -> new OverdueReview(r.id(), r.dueAt(), r.reason()))
                .toList();
    }
}
