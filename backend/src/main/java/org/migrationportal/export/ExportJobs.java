package org.migrationportal.export;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.migrationportal.audit.AuditEntries;
import org.migrationportal.audit.AuditEntryFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Large exports run in the background: a job writes its file under {@code portal.export.directory} and
 * reports progress (entries written against the period's id range) until a download link appears.
 * Jobs are kept in memory on the instance that runs them (see docs/export.md for what that implies).
 */
@Service
public class ExportJobs {

    public enum Kind {
        BUNDLE("zip", "application/zip"),
        REPORT("pdf", "application/pdf"),
        AUDIT_CSV("csv", "text/csv;charset=UTF-8"),
        AUDIT_JSONL("jsonl", "application/jsonl;charset=UTF-8"),
        CHANGES_CSV("csv", "text/csv;charset=UTF-8"),
        CHANGES_JSONL("jsonl", "application/jsonl;charset=UTF-8");

        private final String extension;
        private final String contentType;

        Kind(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }

        public String extension() {
            return extension;
        }

        public String contentType() {
            return contentType;
        }
    }

    public enum Status {
        RUNNING,
        DONE,
        FAILED
    }

    /** What a page shows about a job. {@code percent} is null while the total is unknown. */
    public record ExportJobView(
            String id,
            Kind kind,
            ReportRequest request,
            String requestedBy,
            Instant createdAt,
            Status status,
            long progress,
            long total,
            Integer percent,
            String fileName,
            long bytes,
            Instant finishedAt) {}

    private static final Logger log = LoggerFactory.getLogger(ExportJobs.class);

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "export-job");
        thread.setDaemon(true);
        return thread;
    });
    private final Path directory;
    private final Clock clock;
    private final AuditEntries entries;
    private final AuditExports auditExports;
    private final ChangeRecordExports changeRecordExports;
    private final ChangeRecords changeRecords;
    private final AuditReports reports;
    private final EvidenceBundles bundles;

    ExportJobs(
            @Value("${portal.export.directory:./data/exports}") String directory,
            Clock clock,
            AuditEntries entries,
            AuditExports auditExports,
            ChangeRecordExports changeRecordExports,
            ChangeRecords changeRecords,
            AuditReports reports,
            EvidenceBundles bundles) {
        this.directory = Path.of(directory);
        this.clock = clock;
        this.entries = entries;
        this.auditExports = auditExports;
        this.changeRecordExports = changeRecordExports;
        this.changeRecords = changeRecords;
        this.reports = reports;
        this.bundles = bundles;
    }

    /** Audits the request in the caller's thread, then runs the export in the background. */
    public String start(Kind kind, ReportRequest request, String requestedBy) {
        AuditEntryFilter filter = new AuditEntryFilter(
                request.projectKey(), request.environmentKey(), null, null, request.from(), request.to());
        switch (kind) {
            case BUNDLE -> bundles.recordExport(request, "bundle");
            case REPORT -> bundles.recordExport(request, "report");
            case AUDIT_CSV -> auditExports.recordExport("audit-entries", ExportFormat.CSV, filter);
            case AUDIT_JSONL -> auditExports.recordExport("audit-entries", ExportFormat.JSONL, filter);
            case CHANGES_CSV -> changeRecordExports.recordExport(ExportFormat.CSV, request.changeRecordFilter());
            case CHANGES_JSONL -> changeRecordExports.recordExport(ExportFormat.JSONL, request.changeRecordFilter());
        }
        String id = UUID.randomUUID().toString();
        Job job = new Job(id, kind, request, requestedBy, clock.instant());
        jobs.put(id, job);
        executor.submit(() -> run(job));
        return id;
    }

    public Optional<ExportJobView> find(String id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::view);
    }

    public List<ExportJobView> recent() {
        return jobs.values().stream()
                .map(Job::view)
                .sorted(Comparator.comparing(ExportJobView::createdAt).reversed())
                .limit(50)
                .toList();
    }

    /** The finished file of a job. */
    public Optional<Path> file(String id) {
        Job job = jobs.get(id);
        return job == null || job.status != Status.DONE ? Optional.empty() : Optional.of(job.file);
    }

    private void run(Job job) {
        try {
            Files.createDirectories(directory);
            Path partial = directory.resolve(job.id + ".part");
            long[] range = entries.idRange(job.request.from(), job.request.to()).orElse(null);
            boolean entryBased = job.kind == Kind.BUNDLE || job.kind == Kind.AUDIT_CSV || job.kind == Kind.AUDIT_JSONL;
            if (entryBased && range != null) {
                job.total.set(range[1] - range[0] + 1);
            } else if (!entryBased) {
                job.total.set(changeRecords.count(job.request.changeRecordFilter()));
            }
            long first = range == null ? 0 : range[0];
            AuditEntryFilter filter = new AuditEntryFilter(
                    job.request.projectKey(),
                    job.request.environmentKey(),
                    null,
                    null,
                    job.request.from(),
                    job.request.to());
            try (OutputStream out = Files.newOutputStream(partial)) {
                switch (job.kind) {
                    case BUNDLE ->
                        bundles.write(job.request, job.requestedBy, out, id -> job.progress.set(id - first + 1));
                    case REPORT -> reports.render(reports.prepare(job.request, job.requestedBy), out);
                    case AUDIT_CSV ->
                        auditExports.write(filter, ExportFormat.CSV, out, id -> job.progress.set(id - first + 1));
                    case AUDIT_JSONL ->
                        auditExports.write(filter, ExportFormat.JSONL, out, id -> job.progress.set(id - first + 1));
                    case CHANGES_CSV ->
                        changeRecordExports.write(
                                job.request.changeRecordFilter(), ExportFormat.CSV, out, job.progress::set);
                    case CHANGES_JSONL ->
                        changeRecordExports.write(
                                job.request.changeRecordFilter(), ExportFormat.JSONL, out, job.progress::set);
                }
            }
            Path done = directory.resolve(job.id + "." + job.kind.extension());
            Files.move(partial, done);
            job.file = done;
            job.bytes = Files.size(done);
            job.progress.set(Math.max(job.progress.get(), job.total.get()));
            job.status = Status.DONE;
        } catch (IOException | RuntimeException e) {
            log.warn("Export job {} ({}) failed: {}", job.id, job.kind, e.toString());
            job.status = Status.FAILED;
        } finally {
            job.finishedAt = clock.instant();
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private static final class Job {
        final String id;
        final Kind kind;
        final ReportRequest request;
        final String requestedBy;
        final Instant createdAt;
        final AtomicLong progress = new AtomicLong();
        final AtomicLong total = new AtomicLong(-1);
        volatile Status status = Status.RUNNING;
        volatile Path file;
        volatile long bytes;
        volatile Instant finishedAt;

        Job(String id, Kind kind, ReportRequest request, String requestedBy, Instant createdAt) {
            this.id = id;
            this.kind = kind;
            this.request = request;
            this.requestedBy = requestedBy;
            this.createdAt = createdAt;
        }

        ExportJobView view() {
            long t = total.get();
            long p = progress.get();
            Integer percent = status == Status.DONE
                    ? Integer.valueOf(100)
                    : t > 0 ? Integer.valueOf((int) Math.min(99, p * 100 / t)) : null;
            String fileName =
                    "evidence-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-"
                            + request.from().toString().substring(0, 10) + "." + kind.extension();
            return new ExportJobView(
                    id, kind, request, requestedBy, createdAt, status, p, t, percent, fileName, bytes, finishedAt);
        }
    }
}
