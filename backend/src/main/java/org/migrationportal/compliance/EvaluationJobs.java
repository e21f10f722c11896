package org.migrationportal.compliance;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.projects.ProjectCatalog;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Full re-evaluation of a project in the background, with progress an admin can watch. Jobs live in this
 * instance's memory (they are short; a restart only loses the progress display, never results).
 */
@Service
public class EvaluationJobs {

    public record Job(String id, String projectKey, int total, int done, String state, String error) {
        public int percent() {
            return total == 0 ? 100 : done * 100 / total;
        }

        public boolean finished() {
            return !"running".equals(state);
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ComplianceEvaluator evaluator;
    private final ProjectCatalog projects;
    private final TaskExecutor executor;
    private final AuditTrail auditTrail;
    private final TransactionTemplate transactions;

    EvaluationJobs(
            ComplianceEvaluator evaluator,
            ProjectCatalog projects,
            @org.springframework.beans.factory.annotation.Qualifier("applicationTaskExecutor") TaskExecutor executor,
            AuditTrail auditTrail,
            PlatformTransactionManager transactionManager) {
        this.evaluator = evaluator;
        this.projects = projects;
        this.executor = executor;
        this.auditTrail = auditTrail;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public Job start(String projectKey) {
        int total = projects.get(projectKey).environments().size();
        String id = UUID.randomUUID().toString();
        Job job = new Job(id, projectKey, total, 0, "running", null);
        jobs.put(id, job);
        transactions.executeWithoutResult(s -> auditTrail.record(AuditRecord.of("compliance.reevaluation.started")
                .project(projectKey)
                .target("project", projectKey)));
        executor.execute(() -> {
            try {
                evaluator.evaluateProject(
                        projectKey,
                        done -> jobs.computeIfPresent(
                                id, (k, j) -> new Job(id, projectKey, total, done, "running", null)));
                jobs.computeIfPresent(id, (k, j) -> new Job(id, projectKey, total, total, "done", null));
            } catch (RuntimeException e) {
                jobs.computeIfPresent(
                        id,
                        (k, j) -> new Job(
                                id,
                                projectKey,
                                total,
                                j.done(),
                                "failed",
                                e.getClass().getSimpleName()));
            }
        });
        return job;
    }

    public Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }
}
