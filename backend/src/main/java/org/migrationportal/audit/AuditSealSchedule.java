package org.migrationportal.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs seal rounds under the cluster-wide ShedLock lock {@value #LOCK_NAME}: whichever instance holds it
 * seals, the others skip the round. {@code lockAtLeastFor} keeps a lock for part of the interval so two
 * instances whose schedules fire together do not both run back to back.
 */
class AuditSealSchedule {

    static final String LOCK_NAME = "audit-chain-sealer";
    private static final Logger log = LoggerFactory.getLogger(AuditSealSchedule.class);

    private final AuditChainSealer sealer;
    private final LockingTaskExecutor executor;
    private final Clock clock;
    private final Duration lockAtLeastFor;

    AuditSealSchedule(AuditChainSealer sealer, LockProvider lockProvider, Clock clock, Duration interval) {
        this.sealer = sealer;
        this.executor = new DefaultLockingTaskExecutor(lockProvider);
        this.clock = clock;
        this.lockAtLeastFor = interval.dividedBy(2);
    }

    /** The scheduled round. Failures are logged and retried on the next round; entries wait, never get lost. */
    void onSchedule() {
        try {
            runOnce(lockAtLeastFor);
        } catch (RuntimeException e) {
            log.warn("Audit seal round failed; retrying next round: {}", e.toString());
        }
    }

    /** Runs one round if this instance gets the lock; null when another instance holds it. */
    List<AuditCheckpoint> runOnce(Duration holdAtLeast) {
        try {
            LockingTaskExecutor.TaskResult<List<AuditCheckpoint>> result = executor.executeWithLock(
                    sealer::sealRound,
                    new LockConfiguration(clock.instant(), LOCK_NAME, Duration.ofMinutes(10), holdAtLeast));
            return result.wasExecuted() ? result.getResult() : null;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
