package org.migrationportal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.audit.AuditChain;
import org.migrationportal.audit.AuditEntries;
import org.migrationportal.audit.AuditEntryFilter;
import org.migrationportal.audit.AuditEntryView;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.audit.SealedAuditEntry;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** GET /api/v1/audit/export streams every field of the stored entries, round-trips through CSV and JSON Lines, and is itself audited. */
@PortalIntegrationTest
class AuditExportApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditChain chain;

    @Autowired
    AuditEntries entries;

    /** Cells a spreadsheet would run as formulas, and one that already starts with the escaping quote. */
    static final List<String> FORMULAS =
            List.of("=HYPERLINK(\"https://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=quoted");

    String project;
    String auditor;
    String auditorToken;

    @BeforeEach
    void entriesWithAwkwardText() {
        project = TestData.uniqueKey("export");
        trail.recordStandalone(AuditRecord.of("export.test")
                .project(project)
                .environment("prod")
                .target("thing", "a,b")
                .details(Map.of("note", "commas, \"quotes\"\nnewlines\r\nand ünïcödé 東京 🚀"))
                .bySystem("zoë, \"the\" tester"));
        trail.recordStandalone(
                AuditRecord.of("export.test").project(project).environment("").bySystem("plain"));
        chain.sealNow(Duration.ofSeconds(30));
        trail.recordStandalone(
                AuditRecord.of("export.test.unsealed").project(project).bySystem("late"));
        for (String formula : FORMULAS) {
            trail.recordStandalone(AuditRecord.of("export.test.formula")
                    .project(project)
                    .target("thing", formula)
                    .bySystem(formula));
        }
        auditor = data.user(TestData.uniqueKey("auditor"), new RoleGrantDefinition(Role.AUDITOR, null));
        auditorToken = data.personalToken(auditor);
    }

    @Test
    void jsonLinesRoundTripEveryStoredField() throws Exception {
        String body = export("jsonl");
        List<SealedAuditEntry> parsed = new ArrayList<>();
        for (String line : body.split("\n")) {
            parsed.add(AuditEntryFormats.readJsonLine(line));
        }
        assertThat(parsed).isEqualTo(stored());
        assertThat(parsed.get(0).link()).isNotNull();
        assertThat(parsed.get(2).link()).isNull();
    }

    @Test
    void csvRoundTripsEveryStoredField() throws Exception {
        String body = export("csv");
        List<SealedAuditEntry> parsed = new ArrayList<>();
        for (CSVRecord record : AuditEntryFormats.readCsv(new StringReader(body))) {
            parsed.add(AuditEntryFormats.fromCsv(record));
        }
        assertThat(parsed).isEqualTo(stored());
    }

    @Test
    void formulaCellsAreNeutralisedAndStillRoundTrip() throws Exception {
        String body = export("csv");
        List<CSVRecord> rows = new ArrayList<>();
        AuditEntryFormats.readCsv(new StringReader(body)).forEach(rows::add);
        List<String> rawActors = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(body))
                .getRecords()
                .stream()
                .map(r -> r.get("actor"))
                .toList();
        assertThat(rawActors).containsAll(FORMULAS.stream().map(f -> "'" + f).toList());
        assertThat(rawActors).noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
        assertThat(rows.stream()
                        .map(AuditEntryFormats::fromCsv)
                        .map(r -> r.entry().actor()))
                .containsAll(FORMULAS);
    }

    @Test
    void everyExportIsAudited() throws Exception {
        export("csv");
        List<AuditEntryView> audited = entries.page(
                        new AuditEntryFilter(project, null, auditor, "export.audit-entries", null, null), 0, 10)
                .items();
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).actorType()).isEqualTo("user");
        assertThat(audited.get(0).details()).contains("\"format\":\"csv\"").contains("\"project\":\"" + project + "\"");
    }

    @Test
    void aBadFormatOrPeriodIsAProblemNotAnError() throws Exception {
        mvc.perform(get("/api/v1/audit/export")
                        .param("format", "xml")
                        .header("Authorization", "Bearer " + auditorToken))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("format"));
        mvc.perform(get("/api/v1/audit/export")
                        .param("from", "yesterday")
                        .header("Authorization", "Bearer " + auditorToken))
                .andExpect(status().is4xxClientError());
        mvc.perform(get("/api/v1/audit/export")
                        .param("from", "2026-02-01T00:00:00Z")
                        .param("to", "2026-01-01T00:00:00Z")
                        .header("Authorization", "Bearer " + auditorToken))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
    }

    @Test
    void onlyAuditorsAndAdminsMayExport() throws Exception {
        String viewer =
                data.personalToken(data.user(TestData.uniqueKey("viewer"), new RoleGrantDefinition(Role.VIEWER, null)));
        mvc.perform(get("/api/v1/audit/export").header("Authorization", "Bearer " + viewer))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit/export")).andExpect(status().isUnauthorized());
    }

    private String export(String format) throws Exception {
        MvcResult started = mvc.perform(get("/api/v1/audit/export")
                        .param("format", format)
                        .param("project", project)
                        .header("Authorization", "Bearer " + auditorToken))
                .andExpect(request().asyncStarted())
                .andReturn();
        return mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(
                        header().string("Content-Disposition", "attachment; filename=\"audit-entries." + format + "\""))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private List<SealedAuditEntry> stored() {
        List<SealedAuditEntry> rows = new ArrayList<>();
        entries.stream(
                new AuditEntryFilter(project, null, null, null, null, null),
                100,
                rows::add); // includes the export's own audit entry
        rows.sort(Comparator.comparingLong(r -> r.entry().id()));
        return rows;
    }
}
