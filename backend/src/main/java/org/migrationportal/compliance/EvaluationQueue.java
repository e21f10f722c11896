package org.migrationportal.compliance;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Evaluations that new evidence asks for, run on one background thread shortly after the evidence
 * committed. Requests for an environment that arrive while one is pending are merged, so a burst of
 * evidence costs one evaluation per environment per round rather than one per request, and an ingest
 * request never waits for, or pays for, an evaluation.
 *
 * <p>Requests are held in memory only. Evidence whose request is lost in a stop is not lost to compliance:
 * {@link EvidenceSweep} re-evaluates every environment whose evidence changed since the last sweep, from the
 * evidence tables themselves, on start and every few seconds.
 */
@Component
class EvaluationQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EvaluationQueue.class);

    /** What changed in a project: one environment (and those it verifies), or every environment (key null). */
    record Change(String environmentKey, boolean reachesVerifiedEnvironments) {

        static final Change WHOLE_PROJECT = new Change(null, false);

        boolean affects(EnvironmentView environment) {
            return environmentKey == null
                    || environmentKey.equals(environment.key())
                    || reachesVerifiedEnvironments && environmentKey.equals(environment.verifiedBy());
        }
    }

    private final ComplianceEvaluator evaluator;
    private final ProjectCatalog projects;
    private final long delayMillis;
    private final Map<String, Set<Change>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "compliance-evaluations");
        thread.setDaemon(true);
        return thread;
    });

    EvaluationQueue(
            ComplianceEvaluator evaluator,
            ProjectCatalog projects,
            @Value("${portal.compliance.event-delay:PT0.2S}") Duration delay) {
        this.evaluator = evaluator;
        this.projects = projects;
        this.delayMillis = delay.toMillis();
    }

    /** Asks for an evaluation of what {@code change} affects, once the current transaction (if any) committed. */
    void request(String projectKey, Change change) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    enqueue(projectKey, change);
                }
            });
        } else {
            enqueue(projectKey, change);
        }
    }

    private void enqueue(String projectKey, Change change) {
        pending.compute(projectKey, (key, changes) -> {
            Set<Change> merged = changes == null ? new HashSet<>() : changes;
            merged.add(change);
            return merged;
        });
        // Added before the flag is read: a drain that already cleared the flag schedules no miss, see drain().
        if (drainScheduled.compareAndSet(false, true)) {
            worker.schedule(this::drain, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void drain() {
        // Cleared before reading: a request added after this line schedules the next drain itself.
        drainScheduled.set(false);
        for (String projectKey : List.copyOf(pending.keySet())) {
            Set<Change> changes = pending.remove(projectKey);
            if (changes == null) {
                continue;
            }
            try {
                ProjectView project = projects.get(projectKey);
                List<Long> affected = project.environments().stream()
                        .filter(environment -> changes.stream().anyMatch(change -> change.affects(environment)))
                        .map(EnvironmentView::id)
                        .toList();
                evaluator.evaluateEnvironments(project, affected);
            } catch (RuntimeException e) {
                log.warn(
                        "Evaluation of project {} after new evidence failed; the evidence sweep retries it: {}",
                        projectKey,
                        e.toString());
            }
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
