package org.migrationportal.audit;

import java.time.Clock;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import org.migrationportal.shared.DatabaseKind;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the sealer: the horizon that fits the database, the ShedLock-guarded schedule. */
@Configuration(proxyBeanMethods = false)
class AuditChainConfiguration {

    @Bean
    AuditChainSealer auditChainSealer(
            DataSource dataSource,
            DatabaseKind database,
            PlatformTransactionManager transactionManager,
            AuditSigningKey key,
            Clock clock,
            AuditProperties properties) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        boolean postgres = database.isPostgres();
        SealHorizon horizon =
                postgres ? new PostgresSealHorizon(jdbc) : new LagSealHorizon(jdbc, clock, properties.sealLag());
        return new AuditChainSealer(
                jdbc,
                new TransactionTemplate(transactionManager),
                horizon,
                key,
                clock,
                properties.sealBatchSize(),
                postgres);
    }

    @Bean
    AuditSealSchedule auditSealSchedule(
            AuditChainSealer sealer, LockProvider lockProvider, Clock clock, AuditProperties properties) {
        return new AuditSealSchedule(sealer, lockProvider, clock, properties.sealInterval());
    }

    @Bean
    SchedulingConfigurer auditSealScheduling(AuditSealSchedule schedule, AuditProperties properties) {
        return (ScheduledTaskRegistrar registrar) -> {
            if (properties.sealerScheduled()) {
                registrar.addFixedDelayTask(schedule::onSchedule, properties.sealInterval());
            }
        };
    }
}
