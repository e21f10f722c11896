package org.migrationportal.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.compliance.ComplianceEvaluator;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11 §1, the attack a pipeline token could run: a destructive migration validated on main opens a prod
 * approval request; a second CI run of another commit posts the same revision with another checksum and
 * {@code destructive: false}. On a branch it changes nothing the gate reads for the main commit; on the default
 * branch it supersedes the request, and each commit is judged by the version its own CI run carried.
 */
@PortalIntegrationTest
class BranchEvidenceTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MAIN_COMMIT = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0";
    static final String OTHER_COMMIT = "e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    ComplianceEvaluator evaluator;

    String project;
    String ci;
    String prodDeployer;
    String mira;
    String zoe;
    Instant now;

    @BeforeEach
    void setUp() throws Exception {
        project = TestData.uniqueKey("x1");
        data.project(project);
        RoleGrantDefinition approver = new RoleGrantDefinition(Role.APPROVER, project);
        mira = data.personalToken(data.user(TestData.uniqueKey("mira"), approver));
        zoe = data.personalToken(data.user(TestData.uniqueKey("zoe"), approver));
        ci = data.projectToken(project, List.of("ci:write"), List.of());
        prodDeployer =
                data.projectToken(project, List.of("deploy:write", "backup:write", "gate:read"), List.of("prod"));
        String stagingDeployer = data.projectToken(project, List.of("deploy:write"), List.of("staging"));
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        ciRun("run-main", MAIN_COMMIT, "main", "sum-main", true).andExpect(status().isCreated());
        await().atMost(Duration.ofSeconds(20)).until(() -> pending().size() == 1);

        send(prodDeployer, "/api/v1/backups", """
                {"project":"%s","environment":"prod","backupId":"prod-%s","takenAt":"%s","sizeBytes":1024,
                 "location":"s3://backups/prod.dump","method":"pg_dump","verifiedAt":"%s"}""".formatted(
                                project, project, now.minusSeconds(600), now.minusSeconds(300)))
                .andExpect(status().isCreated());
        send(stagingDeployer, "/api/v1/deployments", """
                {"project":"%s","environment":"staging","provider":"github-actions","externalId":"stg-%s","attempt":1,
                 "commitSha":"%s","toRevision":"x1drop","status":"succeeded","startedAt":"%s","finishedAt":"%s",
                 "actor":{"type":"pipeline","name":"deploy-staging.yml"},"maxLockMs":120}""".formatted(
                                project, project, MAIN_COMMIT, now.minusSeconds(1800), now.minusSeconds(1790)))
                .andExpect(status().isCreated());
    }

    @Test
    void aBranchRunNeitherSupersedesTheRequestNorChangesWhatTheGateReadsForTheMainCommit() throws Exception {
        long requestId = pending().get(0).get("id").asLong();

        ciRun("run-branch", OTHER_COMMIT, "tmp", "sum-branch", false).andExpect(status().isCreated());

        JsonNode answer = gate(MAIN_COMMIT);
        assertThat(answer.get("decision").asString()).as(answer.toString()).isEqualTo("deny");
        assertThat(codes(answer)).contains("approval-missing");
        assertThat(answer.toString()).contains("/approvals/" + requestId);
        assertThat(requestStatus(requestId)).isEqualTo("pending");
        assertThat(evaluator
                        .evaluate(project, "prod")
                        .item("destructive-safety")
                        .status())
                .isNotEqualTo("pass");
    }

    @Test
    void aDefaultBranchRunSupersedesTheRequestAndEachCommitWaitsForItsOwnVersionsApproval() throws Exception {
        long oldRequest = pending().get(0).get("id").asLong();

        ciRun("run-main-2", OTHER_COMMIT, "main", "sum-branch", false).andExpect(status().isCreated());
        await().atMost(Duration.ofSeconds(20)).until(() -> "superseded".equals(requestStatus(oldRequest)));
        await().atMost(Duration.ofSeconds(20)).until(() -> pending().size() == 1);
        JsonNode newRequest = pending().get(0);
        assertThat(newRequest.get("migrations").get(0).get("checksum").asString())
                .isEqualTo("sum-branch");

        assertThat(codes(gate(MAIN_COMMIT))).contains("approval-missing");
        assertThat(codes(gate(OTHER_COMMIT))).contains("approval-missing");

        long newId = newRequest.get("id").asLong();
        decide(mira, newId).andExpect(status().isOk());
        decide(zoe, newId).andExpect(status().isOk());
        assertThat(requestStatus(newId)).isEqualTo("approved");

        JsonNode mainCommit = gate(MAIN_COMMIT);
        assertThat(mainCommit.get("decision").asString()).isEqualTo("deny");
        assertThat(codes(mainCommit)).contains("approval-missing");
        assertThat(codes(gate(OTHER_COMMIT))).doesNotContain("approval-missing");
    }

    @Test
    void aCommitWithoutACiRunIsNotValidatedWhateverOtherRunsSaid() throws Exception {
        JsonNode answer = gate("abcdef0123456789abcdef0123456789abcdef01");
        assertThat(answer.get("decision").asString()).isEqualTo("deny");
        assertThat(codes(answer)).contains("ci-not-validated");
    }

    /**
     * One destructive revision x1drop on top of a base migration. The second version keeps the drop_column
     * operation but says {@code destructive: false}, as an attacker would.
     */
    ResultActions ciRun(String externalId, String commit, String branch, String checksum, boolean destructive)
            throws Exception {
        return send(ci, "/api/v1/ci-runs", """
                {"project":"%s","provider":"github-actions","externalId":"%s","attempt":1,"commitSha":"%s","branch":"%s",
                 "startedAt":"%s","finishedAt":"%s",
                 "checks":[{"name":"lint","status":"passed"},{"name":"heads","status":"passed"},
                           {"name":"smoke","status":"passed"},{"name":"drift","status":"passed"}],
                 "reviews":[{"reviewer":"mira","state":"approved","at":"%s"}],
                 "migrations":[
                   {"revision":"x0base","parents":[],"description":"base","author":"tomas",
                    "checksum":"sum-base","downgrade":"reversible","transactional":true,"phase":"none",
                    "operations":[{"type":"add_column","table":"lessons","column":"slug","destructive":false}]},
                   {"revision":"x1drop","parents":["x0base"],"description":"drop lessons.legacy_path","author":"tomas",
                    "checksum":"%s","downgrade":"lossy","transactional":true,"phase":"none","destructive":%s,
                    "operations":[{"type":"drop_column","table":"lessons","column":"legacy_path","destructive":true}]}]}
                """.formatted(
                        project,
                        externalId,
                        commit,
                        branch,
                        now.minusSeconds(3600),
                        now.minusSeconds(3300),
                        now.minusSeconds(3700),
                        checksum,
                        destructive));
    }

    JsonNode gate(String commit) throws Exception {
        return read(send(prodDeployer, "/api/v1/gate", """
                        {"project":"%s","environment":"prod","toRevision":"x1drop","commitSha":"%s"}""".formatted(project, commit))
                .andExpect(status().isOk()));
    }

    List<JsonNode> pending() throws Exception {
        List<JsonNode> list = new ArrayList<>();
        read(mvc.perform(get("/api/v1/approvals?project=" + project + "&status=pending")
                                .header("Authorization", "Bearer " + mira))
                        .andExpect(status().isOk()))
                .forEach(list::add);
        return list;
    }

    String requestStatus(long requestId) throws Exception {
        return read(mvc.perform(get("/api/v1/approvals/" + requestId).header("Authorization", "Bearer " + mira)))
                .get("status")
                .asString();
    }

    ResultActions decide(String token, long id) throws Exception {
        return send(token, "/api/v1/approvals/" + id + "/decisions", "{\"decision\":\"approve\",\"comment\":\"ok\"}");
    }

    ResultActions send(String token, String path, String body) throws Exception {
        return mvc.perform(post(path)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    static JsonNode read(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    static List<String> codes(JsonNode gateResponse) {
        List<String> codes = new ArrayList<>();
        gateResponse.get("reasons").forEach(r -> codes.add(r.get("code").asString()));
        return codes;
    }
}
