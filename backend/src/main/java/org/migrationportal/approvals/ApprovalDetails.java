package org.migrationportal.approvals;

import java.util.List;

/** A request with what an approver needs to judge it: each migration's operations, findings and current checksum. */
public record ApprovalDetails(ApprovalRequestView request, List<MigrationDetail> migrations) {}
