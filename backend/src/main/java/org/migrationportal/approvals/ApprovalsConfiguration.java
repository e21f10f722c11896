package org.migrationportal.approvals;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.migrationportal.approvals.webhooks.WebhookSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled work of the approvals module runs once across app instances: ShedLock keeps a lease per job in
 * the {@code shedlock} table, timed by the database clock ({@code usingDbTime()}), so instances with skewed
 * clocks still agree. Lock interception is always on; the timers ({@link ApprovalTimers}) can be switched
 * off with {@code portal.approvals.scheduling.enabled=false} (tests drive {@link ApprovalJobs} directly).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookSettings.class)
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
class ApprovalsConfiguration {

    @Bean
    LockProvider approvalsLockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .usingDbTime()
                .build());
    }
}
