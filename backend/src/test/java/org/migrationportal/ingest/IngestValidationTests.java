package org.migrationportal.ingest;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.node.ObjectNode;

/** Bad input is an RFC 9457 problem naming each bad field — never a 500. */
@PortalIntegrationTest
class IngestValidationTests {

    @Autowired
    org.migrationportal.ingest.web.IngestProperties ingestProperties;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    EvidenceLedger ledger;

    String project;
    String token;

    @BeforeEach
    void setUp() {
        project = TestData.uniqueKey("val");
        data.project(project);
        token = data.projectToken(project, List.of("ci:write", "deploy:write", "backup:write"), List.of());
    }

    ResultActions send(String path, String body) throws Exception {
        return mvc.perform(post(path)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @Test
    void everyBadFieldOfACiRunIsNamed() throws Exception {
        send("/api/v1/ci-runs", IngestExamples.body("ci-run", project, run -> {
                    run.put("commitSha", "not-a-sha");
                    run.put("attempt", 0);
                    run.put("startedAt", "20 Nov 2026");
                    run.put("provider", "x".repeat(65));
                    run.put("url", "javascript:alert(1)");
                    ((ObjectNode) run.get("checks").get(0)).put("status", "green");
                    ((ObjectNode) run.get("reviews").get(0)).put("state", "lgtm");
                    ((ObjectNode) run.get("migrations").get(1)).put("downgrade", "maybe");
                    ((ObjectNode) run.get("migrations").get(1)).put("phase", "middle");
                    run.remove("branch");
                }))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/validation"))
                .andExpect(jsonPath("$.errors[*].field")
                        .value(containsInAnyOrder(
                                "commitSha",
                                "attempt",
                                "startedAt",
                                "provider",
                                "url",
                                "checks[0].status",
                                "reviews[0].state",
                                "migrations[1].downgrade",
                                "migrations[1].phase",
                                "branch")))
                .andExpect(jsonPath("$.errors[?(@.field == 'commitSha')].message")
                        .value(hasItem("must be 7 to 40 hexadecimal characters")))
                .andExpect(jsonPath("$.errors[?(@.field == 'checks[0].status')].message")
                        .value(hasItem("must be one of passed, failed, skipped")));
    }

    @Test
    void listSizesAreLimited() throws Exception {
        send("/api/v1/ci-runs", IngestExamples.body("ci-run", project, run -> {
                    var checks = run.putArray("checks");
                    for (int i = 0; i < 101; i++) {
                        checks.addObject().put("name", "check-" + i).put("status", "passed");
                    }
                }))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("checks"));
    }

    @Test
    void aDuplicatedRevisionInTheManifestOrFinishedBeforeStartedIsUnprocessable() throws Exception {
        send("/api/v1/ci-runs", IngestExamples.body("ci-run", project, run -> {
                    ((ObjectNode) run.get("migrations").get(1)).put("revision", "a1c2e3f4b5d6");
                    run.put("finishedAt", "2026-11-20T09:00:00Z");
                }))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(containsInAnyOrder("migrations[1].revision", "finishedAt")));
    }

    @Test
    void badDeploymentBackupAndDriftFieldsAreNamed() throws Exception {
        send("/api/v1/deployments", IngestExamples.body("deployment", project, d -> {
                    d.put("status", "done");
                    d.put("maxLockMs", -1);
                    ((ObjectNode) d.get("actor")).put("type", "robot");
                    d.remove("startedAt");
                    d.put("finishedAt", "2026-11-21 14:00:41");
                }))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(containsInAnyOrder("status", "maxLockMs", "actor.type", "startedAt", "finishedAt")));
        send("/api/v1/backups", IngestExamples.body("backup", project, b -> {
                    b.put("backupId", "");
                    b.put("sizeBytes", -5);
                    b.put("takenAt", "yesterday");
                }))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("backupId", "sizeBytes", "takenAt")));
        send("/api/v1/drift-reports", IngestExamples.body("drift-report", project, r -> {
                    r.remove("drifted");
                    r.put("environment", "Not A Slug");
                }))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("drifted", "environment")));
    }

    @Test
    void aWrongJsonTypeNamesTheField() throws Exception {
        send("/api/v1/deployments", IngestExamples.body("deployment", project, d -> d.put("attempt", "first")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("attempt"));
        send("/api/v1/drift-reports", IngestExamples.body("drift-report", project, r -> r.put("drifted", "very")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("drifted"));
    }

    @Test
    void malformedJsonIs400() throws Exception {
        send("/api/v1/ci-runs", "{\"project\": ")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/malformed"));
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        int limit = (int) ingestProperties.maxBodyBytes().toBytes();
        String huge = IngestExamples.body("drift-report", project, r -> r.put("diff", "x".repeat(limit + 10)));
        send("/api/v1/drift-reports", huge)
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/too-large"));
    }

    @Test
    void anUnknownProjectOrEnvironmentIs404() throws Exception {
        String deployer = data.projectToken(project, List.of("deploy:write"), List.of());
        mvc.perform(post("/api/v1/deployments")
                        .header("Authorization", "Bearer " + deployer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(IngestExamples.body("deployment", project, d -> d.put("environment", "qa"))))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        // Only a project token may post, and it names its own (existing) project: an unknown project key is
        // refused with 403 before lookup (IngestAccessTests). The façade itself answers an unknown project with 404.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.recordBackup(
                        IngestExamples.JSON.readValue(
                                IngestExamples.body("backup", "no-such-project"), BackupSubmission.class),
                        IngestSource.system()))
                .isInstanceOf(org.migrationportal.shared.NotFoundException.class);
    }

    @Test
    void textIsStoredAsSent() throws Exception {
        String script = "<script>alert('x')</script> & \"quotes\"";
        String body = send(
                        "/api/v1/drift-reports",
                        IngestExamples.body("drift-report", project, r -> r.put("diff", script)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = IngestExamples.JSON.readTree(body).get("id").asLong();
        String reader = data.projectToken(project, List.of("read"), List.of());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                "/api/v1/drift-reports/" + id)
                        .header("Authorization", "Bearer " + reader))
                .andExpect(jsonPath("$.diff").value(script));
    }
}
