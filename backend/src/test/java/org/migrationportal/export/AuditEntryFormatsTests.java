package org.migrationportal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.migrationportal.audit.AuditCanonicalForm;
import org.migrationportal.audit.AuditEntryView;
import org.migrationportal.audit.ChainLink;
import org.migrationportal.audit.SealedAuditEntry;

/** CSV and JSON Lines keep every field exactly: quotes, commas, newlines, Unicode, nulls versus empty strings. */
class AuditEntryFormatsTests {

    static final List<SealedAuditEntry> ROWS = List.of(
            row(1, "alice", "token.created", "shop", "prod", "{\"note\":\"a, b\"}", true),
            row(2, "zoë \"the\" admin, Ph.D.", "user.changed", null, "", "line one\nline two\r\nthird\ttab", true),
            row(3, "Ångström 東京 🚀", "ingest.accepted", "ünïcödé", null, null, false),
            row(4, "", "x", "=1+2", "-3", "\\backslash\\ and \u0001 control", true));

    static SealedAuditEntry row(
            long id, String actor, String action, String project, String environment, String details, boolean sealed) {
        AuditEntryView entry = new AuditEntryView(
                id,
                Instant.parse("2026-03-01T10:00:00.123456Z").plusSeconds(id),
                actor,
                "user",
                action,
                project,
                environment,
                "thing",
                "id-" + id,
                id % 2 == 0 ? null : "10.0.0." + id,
                details);
        String prev = "ab".repeat(32);
        return new SealedAuditEntry(
                entry, sealed ? new ChainLink(id, prev, AuditCanonicalForm.chainHash(entry, prev)) : null);
    }

    @Test
    void jsonLinesRoundTripEveryField() throws Exception {
        StringWriter out = new StringWriter();
        for (SealedAuditEntry row : ROWS) {
            AuditEntryFormats.writeJsonLine(row, out);
        }
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(ROWS.size()); // embedded newlines are escaped: one entry per line
        List<SealedAuditEntry> back = new ArrayList<>();
        for (String line : lines) {
            back.add(AuditEntryFormats.readJsonLine(line));
        }
        assertThat(back).isEqualTo(ROWS);
    }

    @Test
    void csvRoundTripsEveryFieldAndKeepsNullApartFromEmpty() throws Exception {
        StringWriter out = new StringWriter();
        CSVPrinter csv = AuditEntryFormats.csvPrinter(out);
        for (SealedAuditEntry row : ROWS) {
            AuditEntryFormats.writeCsvRow(row, csv);
        }
        csv.flush();
        assertThat(out.toString()).startsWith("\"" + String.join("\",\"", AuditEntryFormats.CSV_COLUMNS) + "\"\r\n");
        List<SealedAuditEntry> back = new ArrayList<>();
        for (CSVRecord record : AuditEntryFormats.readCsv(new StringReader(out.toString()))) {
            back.add(AuditEntryFormats.fromCsv(record));
        }
        for (int i = 0; i < ROWS.size(); i++) {
            assertThat(back.get(i)).as("row %d of %s", i, out).isEqualTo(ROWS.get(i));
        }
        assertThat(back.get(1).entry().environmentKey()).isEmpty();
        assertThat(back.get(1).entry().projectKey()).isNull();
    }

    @Test
    void aJsonLineIsTheCanonicalFormPlusTheChainHashes() throws Exception {
        StringWriter out = new StringWriter();
        AuditEntryFormats.writeJsonLine(ROWS.get(0), out);
        String canonical = AuditCanonicalForm.canonicalJson(ROWS.get(0).entry());
        assertThat(out.toString()).startsWith(canonical.substring(0, canonical.length() - 1) + ",\"prevHash\":\"");
    }
}
