package org.migrationportal.ingest;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.migrationportal.shared.DatabaseKind;
import org.migrationportal.shared.DatabaseOutage;
import org.migrationportal.shared.MultiRowInsert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for the first events of deployment runs, the bulk of ingest traffic. Request threads hand
 * their validated event to a queue and wait; a writer thread takes everything queued (up to
 * {@code max-size}) and writes it in one transaction: one multi-row insert each for the deployments, their
 * event rows and their audit entries, and one commit. A request is answered only after that commit, so a 2xx still means
 * stored, and concurrent requests cost a few round trips and one commit between them instead of five round
 * trips and a commit each. Nothing waits to fill a batch: an idle writer takes a lone request at once.
 *
 * <p>A run already known, or a batch that failed for any reason but an unreachable database, is answered
 * "not written" and the request records its event on its own ({@link EvidenceLedger#recordDeployment}),
 * meeting its own conflict or error exactly as without batching. Used on PostgreSQL only (multi-row
 * {@code RETURNING}); {@code portal.ingest.deployment-batch.max-size=1} turns it off.
 */
@Component
class DeploymentBatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeploymentBatcher.class);

    /** How long a request waits for its group before it writes its event itself. */
    static final Duration WAIT_LIMIT = Duration.ofSeconds(30);

    private record Pending(PreparedDeployment deployment, CompletableFuture<Optional<Long>> written) {}

    private final DeploymentWriter writer;
    private final TransactionTemplate transactions;
    private final int maxSize;
    private final boolean enabled;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final DistributionSummary batchSizes;
    private volatile boolean stopping;

    DeploymentBatcher(
            DeploymentWriter writer,
            PlatformTransactionManager transactionManager,
            DatabaseKind database,
            @Value("${portal.ingest.deployment-batch.max-size:64}") int maxSize,
            @Value("${portal.ingest.deployment-batch.writers:1}") int writerCount,
            ObjectProvider<MeterRegistry> meters) {
        this.writer = writer;
        this.transactions = new TransactionTemplate(transactionManager);
        this.maxSize = Math.min(maxSize, MultiRowInsert.MAX_ROWS);
        this.enabled = database.isPostgres() && maxSize > 1 && writerCount > 0;
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.batchSizes = DistributionSummary.builder("portal.ingest.deployment.batch.size")
                .description("Deployment events written per group commit")
                .register(registry);
        Gauge.builder("portal.ingest.deployment.batch.queued", queue, BlockingQueue::size)
                .description("Deployment events waiting for the next group commit")
                .register(registry);
        if (enabled) {
            for (int i = 0; i < writerCount; i++) {
                Thread thread = new Thread(this::writeWhileRunning, "deployment-writer-" + (i + 1));
                thread.setDaemon(true);
                writers.add(thread);
                thread.start();
            }
        }
    }

    boolean enabled() {
        return enabled && !stopping;
    }

    /**
     * Writes the first event of this run together with whatever else is queued, and returns its new
     * deployment id once committed; empty when the run is already known or the batch could not be written.
     */
    Optional<Long> insertFirstEvent(PreparedDeployment deployment) {
        Pending pending = new Pending(deployment, new CompletableFuture<>());
        queue.add(pending);
        if (stopping && queue.remove(pending)) {
            return Optional.empty();
        }
        try {
            return pending.written().get(WAIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Not taken or not finished in time (a long lock wait): write it here; if the group commits it
            // later after all, this request finds the run stored and answers with it, as for any repeat.
            queue.remove(pending);
            return Optional.empty();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the deployment event was being written", e);
        }
    }

    private void writeWhileRunning() {
        List<Pending> batch = new ArrayList<>(maxSize);
        while (!stopping) {
            try {
                Pending first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxSize - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable unexpected) {
                // The writer must outlive anything one group throws, or every later request would wait forever;
                // this group's requests write themselves (finally below).
                log.error("Writing a group of {} deployment events failed unexpectedly", batch.size(), unexpected);
            } finally {
                batch.forEach(p -> p.written().complete(Optional.empty())); // no-op for those already answered
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        batchSizes.record(batch.size());
        try {
            Map<PreparedDeployment, Long> inserted = transactions.execute(status -> writer.insertFirstEvents(
                    batch.stream().map(Pending::deployment).toList()));
            batch.forEach(p -> p.written().complete(Optional.ofNullable(inserted.get(p.deployment()))));
        } catch (RuntimeException e) {
            if (DatabaseOutage.isCause(e)) {
                // Unreachable database: every waiting request answers 503 now rather than trying again alone.
                batch.forEach(p -> p.written().completeExceptionally(e));
            } else {
                // One bad row fails the statement for all: each request writes itself and meets its own error.
                log.debug(
                        "A batch of {} deployment events failed; writing them one by one: {}",
                        batch.size(),
                        e.toString());
                batch.forEach(p -> p.written().complete(Optional.empty()));
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        for (Thread thread : writers) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        for (Pending pending; (pending = queue.poll()) != null; ) {
            pending.written().complete(Optional.empty());
        }
    }
}
