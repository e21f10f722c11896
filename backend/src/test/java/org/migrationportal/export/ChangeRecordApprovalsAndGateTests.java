package org.migrationportal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.migrationportal.compliance.ComplianceEvaluator;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Change records and the PDF report carry the approvals, the cited gate decision and the checklist, with
 * fixtures built through the real HTTP API (CI run → approval request → decisions → gate → deployment).
 */
@PortalIntegrationTest
class ChangeRecordApprovalsAndGateTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SHA = "4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ComplianceEvaluator evaluator;

    @Autowired
    ChangeRecords changeRecords;

    @Autowired
    AuditReports reports;

    @Test
    void aDestructiveDeployWithTwoApprovalsGrantedBeforehandListsBothApproversAndTheAllowDecision() throws Exception {
        String project = TestData.uniqueKey("wired");
        data.project(project);
        RoleGrantDefinition approver = new RoleGrantDefinition(Role.APPROVER, project);
        String author = data.user(TestData.uniqueKey("tomas"), approver);
        String miraName = data.user(TestData.uniqueKey("mira"), approver);
        String zoeName = data.user(TestData.uniqueKey("zoe"), approver);
        String mira = data.personalToken(miraName);
        String zoe = data.personalToken(zoeName);
        String prodDeployer =
                data.projectToken(project, List.of("deploy:write", "backup:write", "gate:read"), List.of("prod"));
        String stagingDeployer = data.projectToken(project, List.of("deploy:write", "gate:read"), List.of("staging"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        ciRun(project, author, now);
        long requestId = awaitRequest(mira, project).get("id").asLong();
        decide(mira, requestId, "approve", "No readers of legacy_path left.").andExpect(status().isOk());
        decide(zoe, requestId, "approve", "Backup plan reviewed.").andExpect(status().isOk());
        send(prodDeployer, "/api/v1/backups", """
                {"project":"%s","environment":"prod","backupId":"prod-%s","takenAt":"%s","sizeBytes":1024,
                 "location":"s3://backups/prod.dump","method":"pg_dump","verifiedAt":"%s"}""".formatted(
                                project, project, now.minusSeconds(600), now.minusSeconds(300)))
                .andExpect(status().isCreated());
        send(stagingDeployer, "/api/v1/deployments", """
                {"project":"%s","environment":"staging","provider":"github-actions","externalId":"stg-%s","attempt":1,
                 "commitSha":"%s","toRevision":"b7e1d2c3a4f5","status":"succeeded","startedAt":"%s","finishedAt":"%s",
                 "actor":{"type":"pipeline","name":"deploy-staging.yml"},"maxLockMs":120}""".formatted(
                                project, project, SHA, now.minusSeconds(1800), now.minusSeconds(1790)))
                .andExpect(status().isCreated());
        JsonNode allowed = gate(prodDeployer, project);
        assertThat(allowed.get("decision").asString()).as(allowed.toString()).isEqualTo("allow");
        long gateDecisionId = allowed.get("id").asLong();
        long deploymentId = deploy(prodDeployer, project, gateDecisionId, "prod-" + project);
        evaluator.evaluate(project, "prod");

        ChangeRecord record = changeRecords.find(deploymentId).orElseThrow();
        assertThat(record.approvals()).hasSize(1);
        ChangeRecord.ApprovalEvidence approval = record.approvals().get(0);
        assertThat(approval.requestId()).isEqualTo(requestId);
        assertThat(approval.requester()).isEqualTo(author);
        assertThat(approval.status()).isEqualTo("approved");
        assertThat(approval.approvers()).containsExactly(miraName, zoeName);
        assertThat(approval.decisions())
                .extracting(ChangeRecord.DecisionEvidence::comment)
                .containsExactly("No readers of legacy_path left.", "Backup plan reviewed.");
        assertThat(approval.decisions()).allMatch(ChangeRecord.DecisionEvidence::beforeDeployment);
        assertThat(approval.grantedBeforeDeployment()).isTrue();
        assertThat(approval.migrations())
                .containsExactly(new ChangeRecord.CoveredMigration("b7e1d2c3a4f5", "sha256:9c0d", true));
        assertThat(record.gate().id()).isEqualTo(gateDecisionId);
        assertThat(record.gate().decision()).isEqualTo("allow");
        assertThat(record.gate().mode()).isEqualTo("enforce");
        assertThat(record.gate().againstDeny()).isFalse();
        assertThat(record.gate().emergency()).isFalse();
        assertThat(record.exceptions()).noneMatch(e -> e.contains("approv") || e.contains("gate"));
        assertThat(record.compliance().items()).hasSize(13);
        assertThat(record.compliance().passed())
                .extracting(ChangeRecord.ComplianceItemEvidence::key)
                .contains("destructive-safety", "pre-migration-backup");

        // The record page shows them too.
        String page = mvc.perform(
                        get("/audit/changes/" + deploymentId)
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user("auditor")
                                        .roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(miraName)
                .contains(zoeName)
                .contains("#" + gateDecisionId + ": allow (enforce)")
                .contains("destructive-safety");

        // The PDF: the checklist of prod (items with reasons), the sampled record with its approvers and decision.
        ReportRequest request =
                new ReportRequest(now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS), project, null, 25, 3L);
        AuditReports.ReportContent content = reports.prepare(request, "auditor-anna");
        AuditReports.EnvironmentChecklist prodChecklist = content.checklists().stream()
                .filter(c -> c.environmentKey().equals("prod"))
                .findFirst()
                .orElseThrow();
        assertThat(prodChecklist.items()).hasSize(13);
        assertThat(content.checklists())
                .extracting(AuditReports.EnvironmentChecklist::environmentKey)
                .containsExactly("dev", "staging", "prod");
        String text = pdfText(content);
        assertThat(text)
                .contains("Checklist per environment at period end")
                .contains(project + " / prod (production)")
                .contains("destructive-safety")
                .contains("pre-migration-backup")
                .contains("staging-verification")
                .contains(prodChecklist
                        .items()
                        .get(0)
                        .reason()
                        .substring(
                                0,
                                Math.min(
                                        20,
                                        prodChecklist.items().get(0).reason().length())))
                .contains("Deployment " + deploymentId)
                .contains(miraName)
                .contains(zoeName)
                .contains("granted before the deployment started")
                .contains("#" + gateDecisionId + ": allow (enforce)");
        assertThat(text).doesNotContain("Not available in this build").doesNotContain("Pending");
    }

    @Test
    void aDeployAfterAGateDenyIsFlaggedAndListedInTheReportsExceptions() throws Exception {
        String project = TestData.uniqueKey("denied");
        data.project(project);
        String author = data.user(TestData.uniqueKey("tomas"), new RoleGrantDefinition(Role.APPROVER, project));
        String prodDeployer = data.projectToken(project, List.of("deploy:write", "gate:read"), List.of("prod"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ciRun(project, author, now);
        long requestId = awaitRequest(data.personalToken(data.admin(TestData.uniqueKey("admin"))), project)
                .get("id")
                .asLong();

        JsonNode denied = gate(prodDeployer, project);
        assertThat(denied.get("decision").asString()).isEqualTo("deny");
        long denyId = denied.get("id").asLong();
        long deploymentId = deploy(prodDeployer, project, denyId, "prod-" + project);

        ChangeRecord record = changeRecords.find(deploymentId).orElseThrow();
        assertThat(record.gate().decision()).isEqualTo("deny");
        assertThat(record.gate().againstDeny()).isTrue();
        assertThat(record.gate().reasons()).anyMatch(r -> r.startsWith("approval-missing: "));
        assertThat(record.exceptions())
                .anyMatch(e -> e.startsWith("Deployed against a gate deny (decision #" + denyId + ": ")
                        && e.contains("approval-missing"));
        // The pending request is shown, but it was not granted: an honest gap, not a missing module.
        assertThat(record.approvals())
                .extracting(ChangeRecord.ApprovalEvidence::requestId)
                .containsExactly(requestId);
        assertThat(record.approvals().get(0).grantedBeforeDeployment()).isFalse();
        assertThat(record.exceptions())
                .contains("Destructive migration b7e1d2c3a4f5: its approval request #" + requestId
                        + " is pending, not granted.");

        ReportRequest request =
                new ReportRequest(now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS), project, "prod", 25, 5L);
        AuditReports.ReportContent content = reports.prepare(request, "auditor-anna");
        assertThat(content.againstDeny()).extracting(ChangeRecord::deploymentId).containsExactly(deploymentId);
        assertThat(content.breakGlass()).isEmpty();
        assertThat(content.checklists())
                .extracting(AuditReports.EnvironmentChecklist::environmentKey)
                .containsExactly("prod");
        String text = pdfText(content);
        assertThat(text)
                .contains("Deploys against a gate deny")
                .contains(project + "/prod #" + deploymentId)
                .contains("#" + denyId + " deny")
                .contains("WENT AHEAD AGAINST A DENY")
                .contains("approval-missing");
    }

    private String pdfText(AuditReports.ReportContent content) throws Exception {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        reports.render(content, pdf);
        try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
            // Table cells wrap: join the lines (a break after a hyphen joins without a space).
            return new PDFTextStripper()
                    .getText(document)
                    .replaceAll("-\\s*\\R\\s*", "-")
                    .replaceAll("\\s+", " ");
        }
    }

    private void ciRun(String project, String author, Instant now) throws Exception {
        String ci = data.projectToken(project, List.of("ci:write"), List.of());
        send(ci, "/api/v1/ci-runs", """
                {"project":"%s","provider":"github-actions","externalId":"%s","attempt":1,"commitSha":"%s","branch":"main",
                 "startedAt":"%s","finishedAt":"%s",
                 "checks":[{"name":"lint","status":"passed"},{"name":"heads","status":"passed"},{"name":"smoke","status":"passed"},
                           {"name":"drift","status":"passed"}],
                 "reviews":[{"reviewer":"reviewer-%s","state":"approved","at":"%s"}],
                 "migrations":[
                   {"revision":"a1c2e3f4b5d6","parents":[],"description":"add lessons.slug","author":"%s",
                    "checksum":"sha256:3b1f","downgrade":"reversible","transactional":true,"phase":"none",
                    "operations":[{"type":"add_column","table":"lessons","column":"slug","destructive":false}]},
                   {"revision":"b7e1d2c3a4f5","parents":["a1c2e3f4b5d6"],"description":"drop lessons.legacy_path","author":"%s",
                    "checksum":"sha256:9c0d","downgrade":"lossy","transactional":true,"phase":"none",
                    "operations":[{"type":"drop_column","table":"lessons","column":"legacy_path","destructive":true}]}]}
                """.formatted(
                                project,
                                "run-" + project,
                                SHA,
                                now.minusSeconds(3600),
                                now.minusSeconds(3300),
                                project,
                                now.minusSeconds(3700),
                                author,
                                author))
                .andExpect(status().isCreated());
    }

    private JsonNode gate(String token, String project) throws Exception {
        return read(send(token, "/api/v1/gate", """
                {"project":"%s","environment":"prod","toRevision":"b7e1d2c3a4f5","commitSha":"%s"}""".formatted(project, SHA)).andExpect(status().isOk()));
    }

    private long deploy(String token, String project, long gateDecisionId, String externalId) throws Exception {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        send(token, "/api/v1/deployments", """
                {"project":"%s","environment":"prod","provider":"github-actions","externalId":"%s","attempt":1,
                 "commitSha":"%s","toRevision":"b7e1d2c3a4f5","status":"succeeded","startedAt":"%s","finishedAt":"%s",
                 "actor":{"type":"pipeline","name":"deploy-prod.yml"},"maxLockMs":310,"gateDecisionId":%d}""".formatted(
                                project, externalId, SHA, started, started.plusSeconds(20), gateDecisionId))
                .andExpect(status().isCreated());
        return jdbc.sql(
                        "select d.id from deployment d join project p on p.id = d.project_id where p.project_key = ? and d.external_id = ?")
                .params(project, externalId)
                .query(Long.class)
                .single();
    }

    private ResultActions send(String token, String path, String body) throws Exception {
        return mvc.perform(post(path)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private ResultActions decide(String token, long id, String decision, String comment) throws Exception {
        return send(
                token,
                "/api/v1/approvals/" + id + "/decisions",
                "{\"decision\":\"%s\",\"comment\":\"%s\"}".formatted(decision, comment));
    }

    private static JsonNode read(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    /** The request is opened by an event listener after the CI run commits: wait for it (bounded). */
    private JsonNode awaitRequest(String token, String project) {
        return org.awaitility.Awaitility.await("the approval request of " + project)
                .atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(
                        () -> read(mvc.perform(get("/api/v1/approvals?project=" + project)
                                        .header("Authorization", "Bearer " + token))
                                .andExpect(status().isOk())),
                        list -> list.size() == 1)
                .get(0);
    }
}
