package org.migrationportal.export;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.migrationportal.audit.AuditCanonicalForm;
import org.migrationportal.audit.AuditEntryView;
import org.migrationportal.audit.ChainLink;
import org.migrationportal.audit.SealedAuditEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two line formats of exported audit entries, and their readers (round trip, offline verification).
 * <ul>
 * <li>JSON Lines: each line is the entry's canonical JSON (docs/audit.md) with {@code prevHash} and
 * {@code entryHash} appended, so a line can be re-hashed exactly as the sealer did.</li>
 * <li>CSV (RFC 4180, UTF-8, header row): every non-null value is quoted; an empty unquoted field is null,
 * {@code ""} is the empty string. Times are ISO-8601 UTC with microseconds. A text cell that a spreadsheet
 * would run as a formula carries a leading {@code '} ({@link SpreadsheetSafeCells}); {@link #fromCsv} removes it.</li>
 * </ul>
 */
public final class AuditEntryFormats {

    public static final List<String> CSV_COLUMNS = List.of(
            "id",
            "occurred_at",
            "actor",
            "actor_type",
            "action",
            "project_key",
            "environment_key",
            "target_type",
            "target_id",
            "client_address",
            "details",
            "prev_hash",
            "entry_hash");

    static final CSVFormat CSV = CSVFormat.RFC4180
            .builder()
            .setHeader(CSV_COLUMNS.toArray(String[]::new))
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setNullString("")
            .setRecordSeparator("\r\n")
            .get();

    private static final CSVFormat CSV_READ = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setNullString("")
            .get();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditEntryFormats() {}

    public static void writeJsonLine(SealedAuditEntry row, Writer out) throws IOException {
        String canonical = AuditCanonicalForm.canonicalJson(row.entry());
        out.write(canonical, 0, canonical.length() - 1);
        if (row.link() == null) {
            out.write(",\"prevHash\":null,\"entryHash\":null}\n");
        } else {
            out.write(",\"prevHash\":\"");
            out.write(row.link().prevHash());
            out.write("\",\"entryHash\":\"");
            out.write(row.link().entryHash());
            out.write("\"}\n");
        }
    }

    public static SealedAuditEntry readJsonLine(String line) {
        JsonNode node = JSON.readTree(line);
        AuditEntryView entry = new AuditEntryView(
                node.required("id").asLong(),
                instant(text(node, "occurredAt")),
                text(node, "actor"),
                text(node, "actorType"),
                text(node, "action"),
                text(node, "projectKey"),
                text(node, "environmentKey"),
                text(node, "targetType"),
                text(node, "targetId"),
                text(node, "clientAddress"),
                text(node, "details"));
        String prev = text(node, "prevHash");
        return new SealedAuditEntry(
                entry, prev == null ? null : new ChainLink(entry.id(), prev, text(node, "entryHash")));
    }

    public static CSVPrinter csvPrinter(Appendable out) throws IOException {
        return new CSVPrinter(out, CSV);
    }

    public static void writeCsvRow(SealedAuditEntry row, CSVPrinter csv) throws IOException {
        AuditEntryView e = row.entry();
        csv.print(Long.toString(e.id()));
        csv.print(e.occurredAt() == null ? null : AuditCanonicalForm.timestamp(e.occurredAt()));
        csv.print(cell(e.actor()));
        csv.print(cell(e.actorType()));
        csv.print(cell(e.action()));
        csv.print(cell(e.projectKey()));
        csv.print(cell(e.environmentKey()));
        csv.print(cell(e.targetType()));
        csv.print(cell(e.targetId()));
        csv.print(cell(e.clientAddress()));
        csv.print(cell(e.details()));
        csv.print(row.link() == null ? null : row.link().prevHash());
        csv.print(row.link() == null ? null : row.link().entryHash());
        csv.println();
    }

    private static String cell(String text) {
        return SpreadsheetSafeCells.neutralise(text);
    }

    /** Reads a CSV export back, row by row. */
    public static Iterable<CSVRecord> readCsv(Reader in) throws IOException {
        return CSV_READ.parse(in);
    }

    public static SealedAuditEntry fromCsv(CSVRecord r) {
        AuditEntryView entry = new AuditEntryView(
                Long.parseLong(r.get("id")),
                instant(r.get("occurred_at")),
                text(r, "actor"),
                text(r, "actor_type"),
                text(r, "action"),
                text(r, "project_key"),
                text(r, "environment_key"),
                text(r, "target_type"),
                text(r, "target_id"),
                text(r, "client_address"),
                text(r, "details"));
        String prev = r.get("prev_hash");
        return new SealedAuditEntry(entry, prev == null ? null : new ChainLink(entry.id(), prev, r.get("entry_hash")));
    }

    private static String text(CSVRecord r, String column) {
        return SpreadsheetSafeCells.restore(r.get(column));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
