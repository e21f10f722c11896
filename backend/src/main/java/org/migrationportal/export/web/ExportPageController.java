package org.migrationportal.export.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.migrationportal.export.ChangeRecordFilter;
import org.migrationportal.export.ChangeRecords;
import org.migrationportal.export.ExportJobs;
import org.migrationportal.export.ReportRequest;
import org.migrationportal.shared.NotFoundException;
import org.springframework.core.io.FileSystemResource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Auditor pages under /audit (AUDITOR role): change records with a reproducible random sample, and
 * background exports (bundle, PDF, CSV, JSON Lines) with a progress bar and a download link.
 */
@Controller
class ExportPageController {

    static final int PAGE_SIZE = 50;

    private final ChangeRecords changeRecords;
    private final ExportJobs jobs;

    ExportPageController(ChangeRecords changeRecords, ExportJobs jobs) {
        this.changeRecords = changeRecords;
        this.jobs = jobs;
    }

    @GetMapping("/audit/changes")
    String changes(
            @RequestParam(required = false) String project,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Integer sample,
            @RequestParam(required = false) Long seed,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        ChangeRecordFilter filter = new ChangeRecordFilter(
                blank(project),
                blank(environment),
                from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        model.addAttribute("project", project);
        model.addAttribute("environment", environment);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("total", changeRecords.count(filter));
        if (sample != null && sample > 0) {
            model.addAttribute(
                    "sample", changeRecords.sample(filter, Math.min(sample, ChangeRecords.MAX_SAMPLE), seed));
        } else {
            model.addAttribute("records", changeRecords.list(filter, Math.max(0, page), PAGE_SIZE));
        }
        return "export/changes";
    }

    @GetMapping("/audit/changes/{id}")
    String change(@PathVariable long id, Model model) {
        model.addAttribute(
                "record",
                changeRecords
                        .find(id)
                        .orElseThrow(() -> new NotFoundException("No production deployment " + id + ".")));
        return "export/change";
    }

    @GetMapping("/audit/exports")
    String exports(@ModelAttribute("exportForm") ExportForm form, Model model) {
        model.addAttribute("jobs", jobs.recent());
        model.addAttribute("kinds", ExportJobs.Kind.values());
        return "export/exports";
    }

    @PostMapping("/audit/exports")
    String start(
            @ModelAttribute("exportForm") ExportForm form, BindingResult binding, Principal principal, Model model) {
        form.validate(binding);
        if (binding.hasErrors()) {
            model.addAttribute("jobs", jobs.recent());
            model.addAttribute("kinds", ExportJobs.Kind.values());
            return "export/exports";
        }
        ReportRequest request = new ReportRequest(
                form.getFrom().atStartOfDay().toInstant(ZoneOffset.UTC),
                form.getTo().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                blank(form.getProject()),
                blank(form.getEnvironment()),
                form.getSampleSize(),
                form.getSeed());
        String id = jobs.start(form.getKind(), request, principal.getName());
        return "redirect:/audit/exports/" + id;
    }

    @GetMapping("/audit/exports/{id}")
    String job(
            @PathVariable String id, Model model, @RequestHeader(value = "HX-Request", required = false) String htmx) {
        model.addAttribute("job", jobs.find(id).orElseThrow(() -> new NotFoundException("No export " + id + ".")));
        return htmx != null ? "export/job :: progress" : "export/job";
    }

    @GetMapping("/audit/exports/{id}/download")
    ResponseEntity<FileSystemResource> download(@PathVariable String id) throws IOException {
        ExportJobs.ExportJobView job = jobs.find(id).orElseThrow(() -> new NotFoundException("No export " + id + "."));
        Path file = jobs.file(id).orElseThrow(() -> new NotFoundException("Export " + id + " is not ready."));
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(job.fileName())
                                .build()
                                .toString())
                .contentType(MediaType.parseMediaType(job.kind().contentType()))
                .contentLength(Files.size(file))
                .body(new FileSystemResource(file));
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
