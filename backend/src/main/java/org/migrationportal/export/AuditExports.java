package org.migrationportal.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVPrinter;
import org.migrationportal.audit.AuditEntries;
import org.migrationportal.audit.AuditEntryFilter;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.springframework.stereotype.Service;

/**
 * Streams audit entries as CSV or JSON Lines straight from a database cursor to the output: memory use
 * does not grow with the number of rows. Every export is itself audited before the first byte is sent.
 */
@Service
public class AuditExports {

    static final int FETCH_SIZE = 5_000;

    private final AuditEntries entries;
    private final AuditTrail trail;

    AuditExports(AuditEntries entries, AuditTrail trail) {
        this.entries = entries;
        this.trail = trail;
    }

    /** Records who exported what; call in the request thread (the actor comes from the security context). */
    public void recordExport(String what, ExportFormat format, AuditEntryFilter filter) {
        trail.recordStandalone(AuditRecord.of("export." + what)
                .project(filter.projectKey())
                .environment(filter.environmentKey())
                .details(describe(filter, format)));
    }

    /** Writes matching entries in id order; returns the number of rows. {@code progress} sees the running count. */
    public long write(AuditEntryFilter filter, ExportFormat format, OutputStream out, LongConsumer progress) {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            long rows;
            if (format == ExportFormat.CSV) {
                CSVPrinter csv = AuditEntryFormats.csvPrinter(writer);
                rows = entries.stream(filter, FETCH_SIZE, row -> {
                    AuditEntryFormats.writeCsvRow(row, csv);
                    tick(progress, row.entry().id());
                });
                csv.flush();
            } else {
                rows = entries.stream(filter, FETCH_SIZE, row -> {
                    AuditEntryFormats.writeJsonLine(row, writer);
                    tick(progress, row.entry().id());
                });
            }
            writer.flush();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void tick(LongConsumer progress, long id) {
        if (progress != null) {
            progress.accept(id);
        }
    }

    static Map<String, Object> describe(AuditEntryFilter filter, ExportFormat format) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (format != null) {
            details.put("format", format.extension());
        }
        details.put("from", filter.from() == null ? null : filter.from().toString());
        details.put("to", filter.to() == null ? null : filter.to().toString());
        details.put("project", filter.projectKey());
        details.put("environment", filter.environmentKey());
        details.values().removeIf(java.util.Objects::isNull);
        return details;
    }
}
