package org.migrationportal.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.migrationportal.audit.AuditEntryFilter;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Change records as JSON Lines (the full record) or CSV (one flat row per record). */
@Service
public class ChangeRecordExports {

    public static final List<String> CSV_COLUMNS = List.of(
            "deployment_id",
            "project",
            "environment",
            "started_at",
            "finished_at",
            "status",
            "commit_sha",
            "from_revision",
            "to_revision",
            "deployer_type",
            "deployer",
            "ci_run_url",
            "checks",
            "reviews",
            "migrations",
            "destructive",
            "approvals",
            "backup_ref",
            "backup_taken_at",
            "staging_verified_at",
            "gate_decision_id",
            "gate_decision",
            "against_gate_deny",
            "failed_checklist_items",
            "exceptions");

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CSVFormat CSV = CSVFormat.RFC4180
            .builder()
            .setHeader(CSV_COLUMNS.toArray(String[]::new))
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setNullString("")
            .setRecordSeparator("\r\n")
            .get();

    private final ChangeRecords records;
    private final AuditExports auditExports;

    ChangeRecordExports(ChangeRecords records, AuditExports auditExports) {
        this.records = records;
        this.auditExports = auditExports;
    }

    public void recordExport(ExportFormat format, ChangeRecordFilter filter) {
        auditExports.recordExport(
                "change-records",
                format,
                new AuditEntryFilter(
                        filter.projectKey(), filter.environmentKey(), null, null, filter.from(), filter.to()));
    }

    public long write(ChangeRecordFilter filter, ExportFormat format, OutputStream out, LongConsumer progress) {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            long n;
            if (format == ExportFormat.CSV) {
                CSVPrinter csv = new CSVPrinter(writer, CSV);
                n = records.forEach(
                        filter,
                        record -> {
                            try {
                                csv.printRecord(csvRow(record).stream()
                                        .map(SpreadsheetSafeCells::neutraliseValue)
                                        .toList());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        progress);
                csv.flush();
            } else {
                n = records.forEach(
                        filter,
                        record -> {
                            try {
                                writer.write(JSON.writeValueAsString(record));
                                writer.write('\n');
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        progress);
            }
            writer.flush();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Object> csvRow(ChangeRecord r) {
        return java.util.Arrays.asList(
                r.deploymentId(),
                r.projectKey(),
                r.environmentKey(),
                text(r.startedAt()),
                text(r.finishedAt()),
                r.status(),
                r.commitSha(),
                r.fromRevision(),
                r.toRevision(),
                r.deployerType(),
                r.deployerName(),
                r.ci() == null ? null : r.ci().url(),
                r.ci() == null
                        ? null
                        : r.ci().checks().stream()
                                .map(c -> c.name() + ":" + c.status())
                                .collect(Collectors.joining("; ")),
                r.ci() == null
                        ? null
                        : r.ci().reviews().stream()
                                .map(v -> v.reviewer() + ":" + v.state())
                                .collect(Collectors.joining("; ")),
                r.migrations().stream()
                        .map(ChangeRecord.MigrationEvidence::revision)
                        .collect(Collectors.joining("; ")),
                r.destructive(),
                r.approvals().stream()
                        .map(a -> "#" + a.requestId() + " " + a.kind() + " " + a.status() + " ["
                                + a.migrations().stream()
                                        .map(ChangeRecord.CoveredMigration::revision)
                                        .collect(Collectors.joining(","))
                                + "] by "
                                + String.join("+", a.approvers())
                                + (a.grantedBeforeDeployment() ? " before deploy" : ""))
                        .collect(Collectors.joining("; ")),
                r.backup() == null ? null : r.backup().backupRef(),
                r.backup() == null ? null : text(r.backup().takenAt()),
                r.stagingVerification() == null
                        ? null
                        : text(r.stagingVerification().finishedAt()),
                r.gateDecisionId(),
                r.gate() == null
                        ? null
                        : r.gate().decision() + " (" + r.gate().mode()
                                + (r.gate().emergency() ? ", break-glass" : "") + ")",
                r.gate() != null && r.gate().againstDeny(),
                r.compliance() == null
                        ? null
                        : r.compliance().failed().stream()
                                .map(ChangeRecord.ComplianceItemEvidence::key)
                                .collect(Collectors.joining("; ")),
                String.join("; ", r.exceptions()));
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
