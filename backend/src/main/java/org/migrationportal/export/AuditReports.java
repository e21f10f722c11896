package org.migrationportal.export;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.migrationportal.audit.AuditChain;
import org.migrationportal.audit.AuditEntries;
import org.migrationportal.audit.ChainVerificationResult;
import org.migrationportal.compliance.ComplianceDashboard;
import org.migrationportal.export.ChangeRecord.ComplianceItemEvidence;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The auditor's PDF report for a period: cover, scope, checklist per environment at period end, exceptions,
 * the sampled change records and the chain verification result. A Thymeleaf template rendered to XHTML and
 * laid out by openhtmltopdf (PDFBox).
 */
@Service
public class AuditReports {

    private final ITemplateEngine templates;
    private final org.springframework.context.MessageSource messages;
    private final ChangeRecords changeRecords;
    private final AuditChain chain;
    private final AuditEntries entries;
    private final ProjectCatalog projects;
    private final ComplianceDashboard compliance;
    private final Clock clock;

    AuditReports(
            ITemplateEngine templates,
            org.springframework.context.MessageSource messages,
            ChangeRecords changeRecords,
            AuditChain chain,
            AuditEntries entries,
            ProjectCatalog projects,
            ComplianceDashboard compliance,
            Clock clock) {
        this.projects = projects;
        this.compliance = compliance;
        this.templates = templates;
        this.messages = messages;
        this.changeRecords = changeRecords;
        this.chain = chain;
        this.entries = entries;
        this.clock = clock;
    }

    /** Gathers the report's content (samples are drawn and audited here). */
    public ReportContent prepare(ReportRequest request, String preparedBy) {
        ChangeRecordSample sample =
                changeRecords.sample(request.changeRecordFilter(), request.sampleSize(), request.seed());
        List<ChangeRecord> withExceptions = new ArrayList<>();
        List<ChangeRecord> breakGlass = new ArrayList<>();
        List<ChangeRecord> againstDeny = new ArrayList<>();
        changeRecords.forEach(
                request.changeRecordFilter(),
                record -> {
                    if (!record.exceptions().isEmpty()) {
                        withExceptions.add(record);
                    }
                    if (record.gate() != null && record.gate().emergency()) {
                        breakGlass.add(record);
                    }
                    if (record.gate() != null && record.gate().againstDeny()) {
                        againstDeny.add(record);
                    }
                },
                null);
        long population = sample.population();
        ChainVerificationResult verification = chain.verify();
        long auditEntries = entries.idRange(request.from(), request.to())
                .map(r -> r[1] - r[0] + 1)
                .orElse(0L);
        Instant now = clock.instant();
        List<EnvironmentChecklist> checklists = checklists(request, request.to().isAfter(now) ? now : request.to());
        return new ReportContent(
                request,
                preparedBy,
                now,
                population,
                auditEntries,
                sample,
                checklists,
                withExceptions,
                breakGlass,
                againstDeny,
                verification);
    }

    /**
     * Every environment in scope (all environments of the projects in scope, or the one named), with the status
     * of each checklist item at period end (or now, for a period not yet over), rebuilt from the compliance history.
     */
    private List<EnvironmentChecklist> checklists(ReportRequest request, Instant at) {
        List<ProjectView> inScope = request.projectKey() != null
                ? projects.find(request.projectKey()).map(List::of).orElse(List.of())
                : projects.list(false);
        List<EnvironmentChecklist> result = new ArrayList<>();
        for (ProjectView project : inScope) {
            for (EnvironmentView environment : project.environments()) {
                if (request.environmentKey() != null
                        && !request.environmentKey().equals(environment.key())) {
                    continue;
                }
                List<ComplianceItemEvidence> items = compliance.statusAt(environment.id(), at).stream()
                        .map(c -> new ComplianceItemEvidence(c.item(), c.newStatus(), c.reason(), c.changedAt()))
                        .toList();
                result.add(new EnvironmentChecklist(
                        project.key(), environment.key(), environment.production(), at, items));
            }
        }
        return result;
    }

    public void render(ReportContent content, OutputStream out) {
        Context context = new Context(Locale.ENGLISH, Map.of("report", content, "css", css()));
        String xhtml = templates.process("export/report", context);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report's stylesheet plus a page footer ("Page n of m") whose words come from the messages. */
    private String css() {
        try (java.io.InputStream in = AuditReports.class.getResourceAsStream("/templates/export/report.css")) {
            String base = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String page = messages.getMessage("export.report.page", null, Locale.ENGLISH)
                    .replace("\"", "");
            String of = messages.getMessage("export.report.pageOf", null, Locale.ENGLISH)
                    .replace("\"", "");
            return base + "@page { @bottom-center { content: \"" + page + " \" counter(page) \" " + of
                    + " \" counter(pages); font-size: 8pt; color: #555; } }\n";
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the report stylesheet is missing from the templates", e);
        }
    }

    /**
     * Everything the report shows. {@code auditEntryIds} is the size of the period's id range (gaps included);
     * {@code exceptions} every change record of the period with a gap; {@code breakGlass} and {@code againstDeny}
     * the change records whose cited gate decision was a break-glass answer or a deny.
     */
    public record ReportContent(
            ReportRequest request,
            String preparedBy,
            java.time.Instant preparedAt,
            long changeRecordCount,
            long auditEntryIds,
            ChangeRecordSample sample,
            List<EnvironmentChecklist> checklists,
            List<ChangeRecord> exceptions,
            List<ChangeRecord> breakGlass,
            List<ChangeRecord> againstDeny,
            ChainVerificationResult verification) {

        /** Failed checklist items at period end, across the environments in scope. */
        public List<FailedItem> failedItems() {
            List<FailedItem> failed = new ArrayList<>();
            checklists.forEach(c -> c.items().stream()
                    .filter(i -> "fail".equals(i.status()))
                    .forEach(i -> failed.add(new FailedItem(c.projectKey(), c.environmentKey(), i))));
            return failed;
        }
    }

    /** One environment's twelve checklist items as they stood at {@code at}. */
    public record EnvironmentChecklist(
            String projectKey,
            String environmentKey,
            boolean production,
            Instant at,
            List<ComplianceItemEvidence> items) {

        public long count(String status) {
            return items.stream().filter(i -> status.equals(i.status())).count();
        }
    }

    public record FailedItem(String projectKey, String environmentKey, ComplianceItemEvidence item) {}
}
