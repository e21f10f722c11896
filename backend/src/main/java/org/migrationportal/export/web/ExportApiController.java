package org.migrationportal.export.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import org.migrationportal.audit.AuditEntryFilter;
import org.migrationportal.export.AuditExports;
import org.migrationportal.export.ChangeRecordExports;
import org.migrationportal.export.ChangeRecordFilter;
import org.migrationportal.export.ExportFormat;
import org.migrationportal.shared.FieldProblem;
import org.migrationportal.shared.InvalidRequestException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Streamed exports for auditors: audit entries and change records as CSV or JSON Lines. */
@RestController
@PreAuthorize("hasRole('AUDITOR')")
class ExportApiController {

    private final AuditExports auditExports;
    private final ChangeRecordExports changeRecordExports;

    ExportApiController(AuditExports auditExports, ChangeRecordExports changeRecordExports) {
        this.auditExports = auditExports;
        this.changeRecordExports = changeRecordExports;
    }

    @GetMapping("/api/v1/audit/export")
    @Operation(
            summary =
                    "Audit entries of a period and filter, streamed as CSV or JSON Lines (id order, with chain hashes)")
    ResponseEntity<StreamingResponseBody> auditEntries(
            @RequestParam(defaultValue = "jsonl") String format,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String project,
            @RequestParam(required = false) String environment) {
        ExportFormat chosen = format(format);
        period(from, to);
        AuditEntryFilter filter = new AuditEntryFilter(blank(project), blank(environment), null, null, from, to);
        auditExports.recordExport("audit-entries", chosen, filter);
        StreamingResponseBody body = out -> auditExports.write(filter, chosen, out, null);
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"audit-entries." + chosen.extension() + "\"")
                .contentType(MediaType.parseMediaType(chosen.contentType()))
                .body(body);
    }

    @GetMapping("/api/v1/change-records/export")
    @Operation(summary = "Change records (one per production deployment) of a period, streamed as CSV or JSON Lines")
    ResponseEntity<StreamingResponseBody> changeRecords(
            @RequestParam(defaultValue = "jsonl") String format,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String project,
            @RequestParam(required = false) String environment) {
        ExportFormat chosen = format(format);
        period(from, to);
        ChangeRecordFilter filter = new ChangeRecordFilter(blank(project), blank(environment), from, to);
        changeRecordExports.recordExport(chosen, filter);
        StreamingResponseBody body = out -> changeRecordExports.write(filter, chosen, out, null);
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"change-records." + chosen.extension() + "\"")
                .contentType(MediaType.parseMediaType(chosen.contentType()))
                .body(body);
    }

    static ExportFormat format(String format) {
        return ExportFormat.parse(format)
                .orElseThrow(
                        () -> new InvalidRequestException(List.of(new FieldProblem("format", "must be csv or jsonl"))));
    }

    static void period(Instant from, Instant to) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidRequestException(List.of(new FieldProblem("to", "must be after from")));
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
