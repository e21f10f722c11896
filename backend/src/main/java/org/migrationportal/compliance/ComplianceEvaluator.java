package org.migrationportal.compliance;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import org.migrationportal.compliance.checklist.Checklist;
import org.migrationportal.compliance.checklist.EnvironmentEvidence;
import org.migrationportal.compliance.checklist.RuleResult;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates the checklist of an environment from its evidence and stores the result. Every evaluation is a
 * full recomputation of that one environment from the evidence tables, which is what makes it correct for
 * events that arrive late or out of order: whatever arrived since, the next evaluation sees all of it.
 */
@Service
public class ComplianceEvaluator {

    private final ProjectCatalog projects;
    private final EvidenceReader reader;
    private final Checklist checklist;
    private final ComplianceStore store;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ConcurrentHashMap<Long, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final io.micrometer.core.instrument.Timer timer;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ComplianceEvaluator.class);

    ComplianceEvaluator(
            ProjectCatalog projects,
            EvidenceReader reader,
            Checklist checklist,
            ComplianceStore store,
            PlatformTransactionManager transactionManager,
            Clock clock,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        this.timer = io.micrometer.core.instrument.Timer.builder("portal.compliance.evaluation")
                .description("Time to evaluate one environment's checklist from its evidence and store the result")
                .publishPercentiles(0.5, 0.95)
                .register(meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
        this.projects = projects;
        this.reader = reader;
        this.checklist = checklist;
        this.store = store;
        // Its own transaction, committed while the environment's lock is held: evaluations never interleave.
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Re-evaluates one environment now and returns the stored checklist. */
    public EnvironmentCompliance evaluate(String projectKey, String environmentKey) {
        ProjectView project = projects.get(projectKey);
        EnvironmentView environment = project.environment(environmentKey)
                .orElseThrow(() -> NotFoundException.environment(projectKey, environmentKey));
        return evaluate(project, environment);
    }

    /** Re-evaluates every environment of a project, reporting how many are done. */
    public void evaluateProject(String projectKey, IntConsumer progress) {
        ProjectView project = projects.get(projectKey);
        int done = 0;
        for (EnvironmentView environment : project.environments()) {
            evaluate(project, environment);
            progress.accept(++done);
        }
    }

    public void evaluateProject(String projectKey) {
        evaluateProject(projectKey, done -> {});
    }

    /** Re-evaluates the environments with these ids (unknown ids are skipped: the project may be gone). */
    public void evaluateEnvironments(java.util.Collection<Long> environmentIds) {
        java.util.Map<Long, ProjectView> byEnvironment = new java.util.HashMap<>();
        for (ProjectView project : projects.list(true)) {
            project.environments().forEach(e -> byEnvironment.put(e.id(), project));
        }
        for (Long id : environmentIds) {
            ProjectView project = byEnvironment.get(id);
            if (project != null) {
                project.environments().stream()
                        .filter(e -> e.id() == id)
                        .findFirst()
                        .ifPresent(e -> evaluate(project, e));
            }
        }
    }

    void evaluateEnvironments(ProjectView project, java.util.Collection<Long> environmentIds) {
        project.environments().stream()
                .filter(e -> environmentIds.contains(e.id()))
                .forEach(e -> evaluate(project, e));
    }

    EnvironmentCompliance evaluate(ProjectView project, EnvironmentView environment) {
        ReentrantLock lock = locks.computeIfAbsent(environment.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            try {
                return evaluateOnce(project, environment);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // Another instance inserted this environment's first result at the same moment: evaluate again over it.
                return evaluateOnce(project, environment);
            }
        } finally {
            lock.unlock();
        }
    }

    private EnvironmentCompliance evaluateOnce(ProjectView project, EnvironmentView environment) {
        long started = System.nanoTime();
        try {
            return evaluateInTransaction(project, environment);
        } finally {
            long nanos = System.nanoTime() - started;
            timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            log.debug(
                    "Evaluated {}/{} in {} ms",
                    project.key(),
                    environment.key(),
                    String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6));
        }
    }

    private EnvironmentCompliance evaluateInTransaction(ProjectView project, EnvironmentView environment) {
        return transactions.execute(status -> {
            EnvironmentEvidence evidence = reader.recorded(project, environment, clock.instant());
            List<RuleResult> results = checklist.evaluate(evidence);
            store.save(project.id(), environment.id(), evidence.policy().version(), evidence.now(), results);
            return store.load(project.key(), environment.key(), environment.id())
                    .orElseThrow();
        });
    }

    /** A policy change re-evaluates its environment as soon as the change committed (the sweep catches a crash in between). */
    @org.springframework.transaction.event.TransactionalEventListener
    void on(PolicyChanged changed) {
        evaluate(changed.projectKey(), changed.environmentKey());
    }
}
