package org.migrationportal.export;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.migrationportal.audit.AuditCanonicalForm;
import org.migrationportal.audit.AuditChain;
import org.migrationportal.audit.AuditCheckpoint;
import org.migrationportal.audit.AuditEntries;
import org.migrationportal.audit.AuditEntryFilter;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.audit.SealedAuditEntry;
import org.springframework.stereotype.Service;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an evidence bundle: a ZIP with {@value #ENTRIES}, {@value #CHANGE_RECORDS}, {@value #REPORT},
 * {@value #CHECKPOINTS}, {@value #PUBLIC_KEY}, {@value #MANIFEST} (filter, period, counts, first and last
 * entry hash, chain hash at period end, SHA-256 of every file) and {@value #SIGNATURE} (the manifest signed
 * with the portal's checkpoint key). {@link BundleVerifier} checks it offline. See docs/export.md.
 */
@Service
public class EvidenceBundles {

    public static final String FORMAT = "portal-evidence-bundle/v1";
    public static final String ENTRIES = "audit-entries.jsonl";
    public static final String CHANGE_RECORDS = "change-records.jsonl";
    public static final String REPORT = "report.pdf";
    public static final String CHECKPOINTS = "checkpoints.json";
    public static final String PUBLIC_KEY = "public-key.pem";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";

    static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final AuditEntries entries;
    private final AuditChain chain;
    private final AuditReports reports;
    private final ChangeRecordExports changeRecordExports;
    private final AuditTrail trail;

    EvidenceBundles(
            AuditEntries entries,
            AuditChain chain,
            AuditReports reports,
            ChangeRecordExports changeRecordExports,
            AuditTrail trail) {
        this.entries = entries;
        this.chain = chain;
        this.reports = reports;
        this.changeRecordExports = changeRecordExports;
        this.trail = trail;
    }

    /** Audits the request (in the caller's thread, so the actor is known). */
    public void recordExport(ReportRequest request, String kind) {
        Map<String, Object> details = new LinkedHashMap<>(AuditExports.describe(auditFilter(request), null));
        details.put("sampleSize", request.sampleSize());
        if (request.seed() != null) {
            details.put("seed", request.seed());
        }
        trail.recordStandalone(AuditRecord.of("export." + kind)
                .project(request.projectKey())
                .environment(request.environmentKey())
                .details(details));
    }

    /**
     * Writes the bundle. For the whole trail the entries are the contiguous id range of the period (so the
     * chain is checked across it); with a project or environment filter, only matching entries (each still
     * checked against its own chain hash). {@code progress} receives entry ids as they are written.
     */
    public void write(ReportRequest request, String preparedBy, OutputStream target, LongConsumer progress) {
        try (ZipOutputStream zip = new ZipOutputStream(target, StandardCharsets.UTF_8)) {
            List<Map<String, Object>> files = new ArrayList<>();
            EntryStats stats = new EntryStats();
            long[] range = entries.idRange(request.from(), request.to()).orElse(null);
            String chainHashBefore = range == null ? null : entries.chainHashBefore(range[0]);

            files.add(file(zip, ENTRIES, out -> {
                var writer = new java.io.BufferedWriter(
                        new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                AuditEntries.RowHandler handler = row -> {
                    stats.accept(row);
                    AuditEntryFormats.writeJsonLine(row, writer);
                    if (progress != null) {
                        progress.accept(row.entry().id());
                    }
                };
                if (request.wholeTrail()) {
                    if (range != null) {
                        entries.streamIdRange(range[0], range[1], AuditExports.FETCH_SIZE, handler);
                    }
                } else {
                    entries.stream(auditFilter(request), AuditExports.FETCH_SIZE, handler);
                }
                writer.flush();
            }));
            long[] changeCount = {0};
            files.add(file(
                    zip,
                    CHANGE_RECORDS,
                    out -> changeCount[0] =
                            changeRecordExports.write(request.changeRecordFilter(), ExportFormat.JSONL, out, null)));
            AuditReports.ReportContent report = reports.prepare(request, preparedBy);
            files.add(file(zip, REPORT, out -> reports.render(report, out)));
            List<AuditCheckpoint> checkpoints =
                    stats.count == 0 ? List.of() : relevantCheckpoints(stats.firstId, stats.lastId);
            files.add(file(zip, CHECKPOINTS, out -> out.write(JSON.writeValueAsBytes(checkpoints))));
            files.add(file(
                    zip, PUBLIC_KEY, out -> out.write(chain.publicKey().pem().getBytes(StandardCharsets.US_ASCII))));

            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", FORMAT);
            manifest.put("preparedBy", preparedBy);
            manifest.put("preparedAt", report.preparedAt().toString());
            manifest.put(
                    "period",
                    Map.of("from", request.from().toString(), "to", request.to().toString()));
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("project", request.projectKey());
            filter.put("environment", request.environmentKey());
            manifest.put("filter", filter);
            manifest.put("contiguous", request.wholeTrail());
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("auditEntries", stats.count);
            counts.put("sealedEntries", stats.sealed);
            counts.put("changeRecords", changeCount[0]);
            counts.put("sampledChangeRecords", report.sample().records().size());
            manifest.put("counts", counts);
            manifest.put("sampleSeed", report.sample().seed());
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("firstEntryId", stats.count == 0 ? null : stats.firstId);
            audit.put("lastEntryId", stats.count == 0 ? null : stats.lastId);
            audit.put("chainHashBefore", request.wholeTrail() ? chainHashBefore : null);
            audit.put("firstEntryHash", stats.firstHash);
            audit.put("lastEntryHash", stats.lastHash);
            audit.put("chainHashAtPeriodEnd", range == null ? null : entries.chainHashBefore(range[1] + 1));
            audit.put("keyId", chain.publicKey().keyId());
            manifest.put("audit", audit);
            Map<String, Object> verification = new LinkedHashMap<>();
            verification.put("valid", report.verification().valid());
            verification.put("entryCount", report.verification().entryCount());
            verification.put("reachesLatestCheckpoint", report.verification().reachesLatestCheckpoint());
            verification.put(
                    "firstProblem",
                    report.verification().firstProblem() == null
                            ? null
                            : report.verification().firstProblem().message());
            manifest.put("verificationAtExport", verification);
            manifest.put("files", files);
            byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifestBytes);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(SIGNATURE));
            zip.write(chain.signManifest(manifestBytes).getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<AuditCheckpoint> relevantCheckpoints(long firstId, long lastId) {
        List<AuditCheckpoint> relevant = new ArrayList<>();
        long after = 0;
        while (true) {
            List<AuditCheckpoint> page = chain.checkpoints(after, 10_000);
            if (page.isEmpty()) {
                return relevant;
            }
            page.stream()
                    .filter(c -> c.lastEntryId() >= firstId && c.lastEntryId() <= lastId)
                    .forEach(relevant::add);
            after = page.get(page.size() - 1).sequence();
        }
    }

    private static AuditEntryFilter auditFilter(ReportRequest request) {
        return new AuditEntryFilter(
                request.projectKey(), request.environmentKey(), null, null, request.from(), request.to());
    }

    private interface Content {
        void writeTo(OutputStream out) throws Exception;
    }

    /** Writes one ZIP entry, hashing and counting exactly the bytes stored. */
    private static Map<String, Object> file(ZipOutputStream zip, String name, Content content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        MessageDigest digest = AuditCanonicalForm.sha256();
        long[] size = {0};
        OutputStream counted = new FilterOutputStream(zip) {
            @Override
            public void write(int b) throws IOException {
                digest.update((byte) b);
                size[0]++;
                zip.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                digest.update(b, off, len);
                size[0] += len;
                zip.write(b, off, len);
            }

            @Override
            public void close() {
                // the ZIP entry is closed below, never the ZIP stream
            }
        };
        try {
            content.writeTo(counted);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        counted.flush();
        zip.closeEntry();
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("name", name);
        file.put("bytes", size[0]);
        file.put("sha256", HexFormat.of().formatHex(digest.digest()));
        return file;
    }

    private static final class EntryStats {
        long count;
        long sealed;
        long firstId;
        long lastId;
        String firstHash;
        String lastHash;

        void accept(SealedAuditEntry row) {
            if (count == 0) {
                firstId = row.entry().id();
                firstHash = row.link() == null ? null : row.link().entryHash();
            }
            count++;
            lastId = row.entry().id();
            lastHash = row.link() == null ? null : row.link().entryHash();
            if (row.link() != null) {
                sealed++;
            }
        }
    }

    static byte[] bytes(Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            content.writeTo(out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
