package org.migrationportal.approvals;

import java.util.List;

/** An engineer's request: the migrations (by revision; their current checksums are bound) for one environment. */
public record NewApprovalRequest(String project, String environment, List<String> revisions, String reason) {}
