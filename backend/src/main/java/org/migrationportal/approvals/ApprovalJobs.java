package org.migrationportal.approvals;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.migrationportal.approvals.webhooks.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The module's scheduled work (triggered by {@link ApprovalTimers}). Each job holds a ShedLock lease while it runs, so with several instances
 * exactly one runs it at a time; all state is in the database, so a restart loses nothing (a delivery that
 * was due while the portal was down is simply due on the next run).
 */
@Component
public class ApprovalJobs {

    private static final Logger log = LoggerFactory.getLogger(ApprovalJobs.class);

    private final ApprovalRequests approvals;
    private final Webhooks webhooks;

    ApprovalJobs(ApprovalRequests approvals, Webhooks webhooks) {
        this.approvals = approvals;
        this.webhooks = webhooks;
    }

    @SchedulerLock(name = "approvals.expire", lockAtMostFor = "PT5M", lockAtLeastFor = "PT5S")
    public void expireRequests() {
        int expired = approvals.expireDue();
        if (expired > 0) {
            log.info("Expired {} approval requests", expired);
        }
    }

    @SchedulerLock(name = "approvals.overdue-reviews", lockAtMostFor = "PT5M", lockAtLeastFor = "PT5S")
    public void flagOverdueReviews() {
        int flagged = approvals.flagOverdueReviews();
        if (flagged > 0) {
            log.info("Flagged {} overdue break-glass reviews", flagged);
        }
    }

    @SchedulerLock(name = "approvals.webhooks", lockAtMostFor = "PT10M", lockAtLeastFor = "PT1S")
    public void sendWebhooks() {
        webhooks.sendDue();
    }
}
