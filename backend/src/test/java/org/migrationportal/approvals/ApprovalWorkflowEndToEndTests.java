package org.migrationportal.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.migrationportal.compliance.ComplianceEvaluator;
import org.migrationportal.compliance.EnvironmentCompliance;
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
 * The "Done when" walk, through the real HTTP API, the real ingest, compliance rules and gate:
 * a destructive migration cannot reach production until two other people approved it, a fresh backup exists
 * and staging ran it — and then the gate lets it through and the checklist shows it.
 */
@PortalIntegrationTest
class ApprovalWorkflowEndToEndTests {

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

    @Test
    void aDestructiveMigrationReachesProductionOnlyAfterTwoApprovalsABackupAndStaging() throws Exception {
        String project = TestData.uniqueKey("dylen");
        data.project(project);
        RoleGrantDefinition approver = new RoleGrantDefinition(Role.APPROVER, project);
        String tomasName = data.user(TestData.uniqueKey("tomas"), approver);
        String tomas = data.personalToken(tomasName);
        String mira = data.personalToken(data.user(TestData.uniqueKey("mira"), approver));
        String zoe = data.personalToken(data.user(TestData.uniqueKey("zoe"), approver));
        String ci = data.projectToken(project, List.of("ci:write"), List.of());
        String prodDeployer =
                data.projectToken(project, List.of("deploy:write", "backup:write", "gate:read"), List.of("prod"));
        String stagingDeployer = data.projectToken(project, List.of("deploy:write", "gate:read"), List.of("staging"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // 1. CI run on the default branch with a drop_column, written by tomas.
        send(ci, "/api/v1/ci-runs", """
                {"project":"%s","provider":"github-actions","externalId":"%s","attempt":1,"commitSha":"%s","branch":"main",
                 "startedAt":"%s","finishedAt":"%s",
                 "checks":[{"name":"lint","status":"passed","findings":[{"rule":"ban-drop-column","severity":"warning",
                             "revision":"b7e1d2c3a4f5","message":"Dropping a column may break existing clients."}]},
                           {"name":"heads","status":"passed"},{"name":"smoke","status":"passed"},{"name":"drift","status":"passed"}],
                 "reviews":[{"reviewer":"mira","state":"approved","at":"%s"}],
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
                                now.minusSeconds(3700),
                                tomasName,
                                tomasName))
                .andExpect(status().isCreated());

        // 2. A request is opened for prod (the only production environment), on behalf of the author.
        JsonNode request = awaitOne(mira, "/api/v1/approvals?project=" + project + "&status=pending");
        long requestId = request.get("id").asLong();
        assertThat(request.get("environment").asString()).isEqualTo("prod");
        assertThat(request.get("requestedBy").asString()).isEqualTo(tomasName);
        assertThat(request.get("approvalsRequired").asInt()).isEqualTo(2);
        assertThat(request.get("migrations").get(0).get("revision").asString()).isEqualTo("b7e1d2c3a4f5");
        assertThat(request.get("migrations").get(0).get("checksum").asString()).isEqualTo("sha256:9c0d");

        // 3. The gate denies, naming approval, backup and staging.
        String gateBody = """
                {"project":"%s","environment":"prod","toRevision":"b7e1d2c3a4f5","commitSha":"%s"}""".formatted(project, SHA);
        JsonNode denied = read(send(prodDeployer, "/api/v1/gate", gateBody).andExpect(status().isOk()));
        assertThat(denied.get("decision").asString()).isEqualTo("deny");
        assertThat(denied.get("mode").asString()).isEqualTo("enforce");
        assertThat(codes(denied)).contains("approval-missing", "backup-missing", "staging-not-verified");
        assertThat(denied.toString()).contains("/approvals/" + requestId);

        // 4. One approver approves: still denied, prod needs two.
        decide(mira, requestId, "approve", "Checked the readers of legacy_path: none left.")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("pending"))
                .andExpect(jsonPath("$.approvalsGiven").value(1));
        JsonNode stillDenied = read(send(prodDeployer, "/api/v1/gate", gateBody));
        assertThat(stillDenied.get("decision").asString()).isEqualTo("deny");
        assertThat(codes(stillDenied)).contains("approval-missing");

        // 5. The requester (and author) may not approve their own change.
        decide(tomas, requestId, "approve", "LGTM")
                .andExpect(status().isForbidden())
                .andExpect(
                        jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("You requested this change")));
        assertThat(jdbc.sql(
                                "select count(*) from audit_entry where action = 'approval.decision-refused' and target_id = ?")
                        .param(String.valueOf(requestId))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // 6. A second, different approver approves.
        decide(zoe, requestId, "approve", "Backup plan reviewed.")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("approved"))
                .andExpect(jsonPath("$.decisions.length()").value(2));

        // 7. A backup of prod, then 8. staging runs the migration.
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

        // 9. The gate allows.
        JsonNode allowed = read(send(prodDeployer, "/api/v1/gate", gateBody));
        assertThat(allowed.get("decision").asString()).as(allowed.toString()).isEqualTo("allow");
        assertThat(allowed.get("reasons").size()).isZero();
        long gateDecisionId = allowed.get("id").asLong();

        // 10. The deployment cites the decision.
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        send(prodDeployer, "/api/v1/deployments", """
                {"project":"%s","environment":"prod","provider":"github-actions","externalId":"prod-%s","attempt":1,
                 "commitSha":"%s","toRevision":"b7e1d2c3a4f5","status":"succeeded","startedAt":"%s","finishedAt":"%s",
                 "actor":{"type":"pipeline","name":"deploy-prod.yml"},"maxLockMs":310,"backupId":"prod-%s","gateDecisionId":%d}""".formatted(
                                project, project, SHA, started, started.plusSeconds(20), project, gateDecisionId))
                .andExpect(status().isCreated());
        assertThat(jdbc.sql("select gate_decision_id from deployment d join environment e on e.id = d.environment_id"
                                + " where e.environment_key = 'prod' and d.external_id = ?")
                        .param("prod-" + project)
                        .query(Long.class)
                        .single())
                .isEqualTo(gateDecisionId);

        // 11. The checklist of prod: destructive-safety and pre-migration-backup pass.
        EnvironmentCompliance prod = evaluator.evaluate(project, "prod");
        assertThat(prod.item("destructive-safety").status())
                .as(prod.item("destructive-safety").toString())
                .isEqualTo("pass");
        assertThat(prod.item("pre-migration-backup").status())
                .as(prod.item("pre-migration-backup").toString())
                .isEqualTo("pass");

        // Every gate decision and every step of the request is on the audit trail.
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'gate.decided' and project_key = ?")
                        .param(project)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        assertThat(jdbc.sql(
                                "select action from audit_entry where target_type = 'approval-request' and target_id = ? order by id")
                        .param(String.valueOf(requestId))
                        .query(String.class)
                        .list())
                .containsExactly(
                        "approval.opened", "approval.decided", "approval.decision-refused", "approval.decided");
    }

    ResultActions send(String token, String path, String body) throws Exception {
        return mvc.perform(post(path)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    ResultActions decide(String token, long id, String decision, String comment) throws Exception {
        return send(
                token,
                "/api/v1/approvals/" + id + "/decisions",
                "{\"decision\":\"%s\",\"comment\":\"%s\"}".formatted(decision, comment));
    }

    static JsonNode read(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    static List<String> codes(JsonNode gateResponse) {
        List<String> codes = new ArrayList<>();
        gateResponse.get("reasons").forEach(r -> codes.add(r.get("code").asString()));
        return codes;
    }

    /** The request is opened by an event listener after the CI run commits: wait for it (bounded). */
    JsonNode awaitOne(String token, String path) {
        return org.awaitility.Awaitility.await("one request at " + path)
                .atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(
                        () -> read(mvc.perform(get(path).header("Authorization", "Bearer " + token))
                                .andExpect(status().isOk())),
                        list -> list.size() == 1)
                .get(0);
    }
}
