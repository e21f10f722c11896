package org.migrationportal.compliance;

import java.time.Instant;
import java.util.List;

/**
 * The {@link ApprovalRecords} used while no approvals module provides one: it knows of no approval and
 * no break-glass review, and says so ({@link #available()} is false), so the destructive-safety rule
 * reports "no approval found" rather than pretending a check happened.
 */
public final class NoApprovalModule implements ApprovalRecords {

    @Override
    public List<GrantedApproval> grantedFor(long environmentId, String revision, String checksum) {
        return List.of();
    }

    @Override
    public List<OverdueReview> overdueReviews(long environmentId, Instant now) {
        return List.of();
    }

    @Override
    public boolean available() {
        return false;
    }
}
