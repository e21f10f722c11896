package org.migrationportal.approvals.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The threads webhooks are sent on, none of them the scheduler's (which also seals the audit chain): one
 * dispatch thread that runs the sender job, a bounded pool of {@code sender-threads} that post deliveries in
 * parallel, and a watchdog that cuts each attempt at its deadline. A receiver that stalls holds one pool
 * thread until the deadline, never the scheduler, the other receivers or the audit sealer.
 */
@Component
public class WebhookSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final ThreadPoolExecutor dispatch;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService watchdog;
    private final WebhookTransport transport;
    private final Duration deadline;
    private final int threads;

    @Autowired
    WebhookSender(WebhookUrlPolicy policy, WebhookSettings settings) {
        this(policy, HostResolver.SYSTEM, settings);
    }

    WebhookSender(WebhookUrlPolicy policy, HostResolver resolver, WebhookSettings settings) {
        this.deadline = settings.deadline();
        this.threads = settings.senderThreads();
        // One job running and at most one waiting: a trigger while both are taken is redundant and dropped.
        this.dispatch = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1),
                named("webhook-dispatch"),
                new ThreadPoolExecutor.DiscardPolicy());
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.batchSize()),
                named("webhook-sender"),
                new ThreadPoolExecutor.AbortPolicy());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(named("webhook-deadline"));
        this.transport = new WebhookTransport(policy, resolver, settings, watchdog);
    }

    /** Runs the job on the dispatch thread and returns at once (called from the scheduler's thread). */
    public void dispatch(Runnable job) {
        dispatch.execute(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warn("Webhook sending failed: {}", e.toString());
            }
        });
    }

    WebhookTransport.Outcome post(URI uri, Map<String, String> headers, String body) {
        return transport.post(uri, headers, body);
    }

    /** Runs each task on the sender pool (at most batch-size at once) and waits for all of them, boundedly. */
    void runAll(List<Runnable> tasks) {
        List<Future<?>> running = tasks.stream().<Future<?>>map(pool::submit).toList();
        // Each attempt ends by its deadline; the rounds of the pool bound the whole batch (plus database time).
        long rounds = (tasks.size() + threads - 1) / threads;
        long waitNanos =
                deadline.plusSeconds(30).multipliedBy(Math.max(1, rounds)).toNanos();
        long until = System.nanoTime() + waitNanos;
        for (Future<?> task : running) {
            try {
                task.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                log.warn("A webhook delivery failed: {}", e.getCause().toString());
            } catch (TimeoutException e) {
                log.warn("Webhook deliveries took longer than {}; leaving them to finish on their own", deadline);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void destroy() {
        dispatch.shutdownNow();
        pool.shutdownNow();
        watchdog.shutdownNow();
        transport.close();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
