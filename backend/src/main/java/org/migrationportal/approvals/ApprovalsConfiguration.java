package org.migrationportal.approvals;

import org.migrationportal.approvals.webhooks.WebhookSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Scheduled work of the approvals module runs once across app instances: ShedLock (configured once for the
 * whole portal in {@code shared.SchedulerLockConfiguration}) keeps a lease per job in the {@code shedlock}
 * table, timed by the database clock, so instances with skewed clocks still agree. Lock interception is always on; the timers ({@link ApprovalTimers}) can be switched
 * off with {@code portal.approvals.scheduling.enabled=false} (tests drive {@link ApprovalJobs} directly).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookSettings.class)
class ApprovalsConfiguration {
    // The one LockProvider (and @EnableSchedulerLock) lives in shared.SchedulerLockConfiguration.
}
