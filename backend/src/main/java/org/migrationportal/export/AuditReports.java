package org.migrationportal.export;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.migrationportal.audit.AuditChain;
import org.migrationportal.audit.AuditEntries;
import org.migrationportal.audit.ChainVerificationResult;
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
    private final Clock clock;

    AuditReports(ITemplateEngine templates, org.springframework.context.MessageSource messages, ChangeRecords changeRecords, AuditChain chain, AuditEntries entries, Clock clock) {
        this.templates = templates;
        this.messages = messages;
        this.changeRecords = changeRecords;
        this.chain = chain;
        this.entries = entries;
        this.clock = clock;
    }

    /** Gathers the report's content (samples are drawn and audited here). */
    public ReportContent prepare(ReportRequest request, String preparedBy) {
        ChangeRecordSample sample = changeRecords.sample(request.changeRecordFilter(), request.sampleSize(), request.seed());
        List<ChangeRecord> withExceptions = new ArrayList<>();
        changeRecords.forEach(request.changeRecordFilter(), record -> {
            if (!record.exceptions().isEmpty()) {
                withExceptions.add(record);
            }
        }, null);
        long population = sample.population();
        ChainVerificationResult verification = chain.verify();
        long auditEntries = entries.idRange(request.from(), request.to()).map(r -> r[1] - r[0] + 1).orElse(0L);
        return new ReportContent(request, preparedBy, clock.instant(), population, auditEntries, sample, withExceptions, verification);
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
            String page = messages.getMessage("export.report.page", null, Locale.ENGLISH).replace("\"", "");
            String of = messages.getMessage("export.report.pageOf", null, Locale.ENGLISH).replace("\"", "");
            return base + "@page { @bottom-center { content: \"" + page + " \" counter(page) \" " + of
                    + " \" counter(pages); font-size: 8pt; color: #555; } }\n";
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the report stylesheet is missing from the templates", e);
        }
    }

    /** Everything the report shows. {@code auditEntryIds} is the size of the period's id range (gaps included). */
    public record ReportContent(ReportRequest request, String preparedBy, java.time.Instant preparedAt, long changeRecordCount,
                                long auditEntryIds, ChangeRecordSample sample, List<ChangeRecord> exceptions,
                                ChainVerificationResult verification) {}
}
