package org.migrationportal.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * End to end through the ingest API: each accepted piece of evidence publishes an event, and the compliance
 * module re-evaluates what it can change — also when the deployment arrives before its CI run.
 */
@PortalIntegrationTest
class IngestDrivenEvaluationTests {

    static final String COMMIT = "4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    ComplianceDashboard dashboard;

    String key;
    String ci;
    String deployer;

    @BeforeEach
    void setUp() {
        key = TestData.uniqueKey("events");
        data.project(key);
        ci = data.projectToken(key, List.of("ci:write"), List.of());
        deployer = data.projectToken(key, List.of("deploy:write", "backup:write"), List.of("staging"));
    }

    void postJson(String token, String path, String body) throws Exception {
        mvc.perform(post(path)
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().is2xxSuccessful());
    }

    String item(String environment, String item) {
        return dashboard.environment(key, environment).item(item).status();
    }

    @Test
    void aDeploymentBeforeItsCiRunFailsAndTheLateCiRunMakesItPass() throws Exception {
        postJson(deployer, "/api/v1/deployments", """
                {"project":"%s","environment":"staging","provider":"github-actions","externalId":"d-1","attempt":1,
                 "commitSha":"%s","fromRevision":null,"toRevision":"a1c2e3f4b5d6","status":"succeeded",
                 "startedAt":"2026-11-21T14:00:05Z","finishedAt":"2026-11-21T14:00:41Z",
                 "actor":{"type":"pipeline","name":"deploy-staging.yml"},"maxLockMs":310}""".formatted(key, COMMIT));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(item("staging", "ci-validation")).isEqualTo("fail"));
        assertThat(dashboard.environment(key, "staging").item("ci-validation").reason())
                .startsWith("Commit 4f2c9e1a7b3d has no CI run");

        postJson(ci, "/api/v1/ci-runs", """
                {"project":"%s","provider":"github-actions","externalId":"r-1","attempt":1,"commitSha":"%s","branch":"main",
                 "startedAt":"2026-11-20T09:12:03Z","finishedAt":"2026-11-20T09:18:47Z",
                 "checks":[{"name":"lint","status":"passed"},{"name":"heads","status":"passed"},{"name":"smoke","status":"passed"},{"name":"drift","status":"passed"}],
                 "reviews":[{"reviewer":"mira","state":"approved","at":"2026-11-20T08:55:10Z"}],
                 "migrations":[{"revision":"a1c2e3f4b5d6","parents":[],"description":"add lessons.slug","author":"tomas",
                   "checksum":"sha256:3b1f","downgrade":"reversible","transactional":true,"phase":"expand",
                   "operations":[{"type":"add_column","table":"lessons","column":"slug","destructive":false}]}]}""".formatted(key, COMMIT));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(item("staging", "ci-validation")).isEqualTo("pass");
            assertThat(item("staging", "version-control")).isEqualTo("pass");
            assertThat(item("staging", "review-process")).isEqualTo("pass");
            assertThat(item("prod", "single-head")).isEqualTo("pass");
        });
    }
}
