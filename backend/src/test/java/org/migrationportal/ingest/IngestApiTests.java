package org.migrationportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.node.ObjectNode;

/** Every ingest endpoint's happy path: what is stored, audited, and read back. */
@PortalIntegrationTest
class IngestApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EvidenceQueries queries;

    String project;
    String token;
    String reader;

    @BeforeEach
    void setUp() {
        project = TestData.uniqueKey("shop");
        data.project(project);
        token = data.projectToken(project, List.of("ci:write", "deploy:write", "backup:write"), List.of());
        reader = data.projectToken(project, List.of("read"), List.of());
    }

    ResultActions post(String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    long id(ResultActions result) throws Exception {
        return IngestExamples.JSON
                .readTree(result.andReturn().getResponse().getContentAsString())
                .get("id")
                .asLong();
    }

    @Test
    void aCiRunIsStoredWithChecksReviewsAndManifest() throws Exception {
        ResultActions posted = post("/api/v1/ci-runs", IngestExamples.body("ci-run", project))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("ci-run"))
                .andExpect(jsonPath("$.created").value(true));
        long id = id(posted);
        posted.andExpect(header().string("Location", "/api/v1/ci-runs/" + id));

        mvc.perform(get("/api/v1/ci-runs/" + id).header("Authorization", "Bearer " + reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.run.projectKey").value(project))
                .andExpect(jsonPath("$.run.commitSha").value("4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4"))
                .andExpect(jsonPath("$.run.headCount").value(1))
                .andExpect(jsonPath("$.run.outcome").value("failed"))
                .andExpect(jsonPath("$.checks.length()").value(4))
                .andExpect(jsonPath("$.checks[0].findings[0].rule").value("ban-drop-column"))
                .andExpect(jsonPath("$.reviews[0].reviewer").value("mira"))
                .andExpect(jsonPath("$.manifest[0].revision").value("a1c2e3f4b5d6"))
                .andExpect(jsonPath("$.manifest[1].destructive").value(true))
                .andExpect(jsonPath("$.manifest[1].phase").value("contract"));

        List<MigrationView> catalogue = queries.migrations(project);
        assertThat(catalogue).extracting(MigrationView::revision).containsExactly("a1c2e3f4b5d6", "b7e1d2c3a4f5");
        assertThat(catalogue.get(1).destructive()).isTrue();
        assertThat(catalogue.get(1).downgrade()).isEqualTo("lossy");
        assertThat(catalogue.get(0).operations())
                .extracting(MigrationView.Operation::concurrently)
                .containsExactly(false, true);
        assertThat(auditActions(project)).contains("ci-run.recorded");
    }

    @Test
    void headCountCountsRevisionsThatAreNobodysParent() throws Exception {
        long id = id(post("/api/v1/ci-runs", IngestExamples.body("ci-run", project, run -> {
                    ObjectNode branch = run.putArray("migrations").addObject();
                    branch.put("revision", "c1").putArray("parents").add("base");
                    branch.put("checksum", "sha256:c1").put("downgrade", "reversible");
                    ObjectNode other = ((tools.jackson.databind.node.ArrayNode) run.get("migrations")).addObject();
                    other.put("revision", "c2").putArray("parents").add("base");
                    other.put("checksum", "sha256:c2").put("downgrade", "none");
                }))
                .andExpect(status().isCreated()));
        mvc.perform(get("/api/v1/ci-runs/" + id).header("Authorization", "Bearer " + reader))
                .andExpect(jsonPath("$.run.headCount").value(2));
    }

    @Test
    void aKnownRevisionWithANewChecksumIsRecordedAsAChangeNotOverwrittenSilently() throws Exception {
        post("/api/v1/ci-runs", IngestExamples.body("ci-run", project)).andExpect(status().isCreated());
        post("/api/v1/ci-runs", IngestExamples.body("ci-run", project, run -> {
                    run.put("externalId", "9921345679");
                    ((ObjectNode) run.get("migrations").get(1)).put("checksum", "sha256:changed");
                }))
                .andExpect(status().isCreated());

        MigrationView changed = queries.migrations(project).get(1);
        assertThat(changed.checksum()).isEqualTo("sha256:changed");
        assertThat(changed.checksums())
                .extracting(MigrationView.ChecksumSeen::checksum)
                .containsExactly(
                        "sha256:9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d", "sha256:changed");
        assertThat(changed.changed()).isTrue();
        assertThat(auditActions(project)).contains("migration.changed");
        assertThat(queries.migrations(project).get(0).checksums()).hasSize(1);
    }

    @Test
    void aDeploymentMovesForwardAndRejectsImpossibleTransitions() throws Exception {
        String started = IngestExamples.body(
                "deployment", project, d -> d.put("status", "started").remove("finishedAt"));
        long id = id(post("/api/v1/deployments", started)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("started")));
        post("/api/v1/deployments", IngestExamples.body("deployment", project))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.status").value("succeeded"));
        // The same event again: the original answer, nothing stored twice.
        post("/api/v1/deployments", IngestExamples.body("deployment", project))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.created").value(false));
        // A late 'started' replayed with its original body is still a repeat.
        post("/api/v1/deployments", started).andExpect(status().isOk());
        // succeeded -> failed is impossible.
        post("/api/v1/deployments", IngestExamples.body("deployment", project, d -> d.put("status", "failed")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("cannot move from 'succeeded' to 'failed'")));
        post("/api/v1/deployments", IngestExamples.body("deployment", project, d -> d.put("status", "rolled_back")))
                .andExpect(status().isCreated());

        mvc.perform(get("/api/v1/deployments/" + id).header("Authorization", "Bearer " + reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("rolled_back"))
                .andExpect(jsonPath("$.environmentKey").value("prod"))
                .andExpect(jsonPath("$.actorType").value("pipeline"))
                .andExpect(jsonPath("$.maxLockMs").value(310))
                .andExpect(jsonPath("$.backupId").value("prod-2026-11-21T13-55"))
                .andExpect(jsonPath("$.tokenRestricted").value(false))
                .andExpect(jsonPath("$.events[*].status")
                        .value(org.hamcrest.Matchers.contains("started", "succeeded", "rolled_back")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM deployment_event WHERE deployment_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aTokenRestrictedToTheEnvironmentIsRecordedAsRestricted() throws Exception {
        String prodOnly = data.projectToken(project, List.of("deploy:write"), List.of("prod"));
        String body = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/deployments")
                                .header("Authorization", "Bearer " + prodOnly)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(IngestExamples.body("deployment", project)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = IngestExamples.JSON.readTree(body).get("id").asLong();
        DeploymentView view = queries.deployment(id).orElseThrow();
        assertThat(view.tokenRestricted()).isTrue();
        assertThat(view.tokenId()).isNotNull();
    }

    @Test
    void backupsAndDriftReportsAreStoredAndListed() throws Exception {
        long backup = id(
                post("/api/v1/backups", IngestExamples.body("backup", project)).andExpect(status().isCreated()));
        String ciToken = data.projectToken(project, List.of("ci:write"), List.of());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/drift-reports")
                        .header("Authorization", "Bearer " + ciToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(IngestExamples.body("drift-report", project)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("drift-report"));

        mvc.perform(get("/api/v1/backups/" + backup).header("Authorization", "Bearer " + reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sizeBytes").value(48213377024L))
                .andExpect(jsonPath("$.verifiedAt").value("2026-11-21T13:59:40Z"));
        mvc.perform(get("/api/v1/backups")
                        .param("environment", "prod")
                        .param("status", "verified")
                        .header("Authorization", "Bearer " + reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/v1/drift-reports")
                        .param("project", project)
                        .param("status", "drifted")
                        .header("Authorization", "Bearer " + reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].diff").value("+ index ix_lessons_created_at (not in migrations)"));
        assertThat(queries.latestDriftReport(project, "prod"))
                .get()
                .extracting(DriftReportView::drifted)
                .isEqualTo(true);
        assertThat(auditActions(project)).contains("backup.recorded", "drift-report.recorded");
    }

    @Test
    void listsFilterByEnvironmentStatusAndTimeAndPaginateWithATotal() throws Exception {
        for (int i = 0; i < 5; i++) {
            int n = i;
            post("/api/v1/deployments", IngestExamples.body("deployment", project, d -> {
                        d.put("externalId", "run-" + n);
                        d.put("environment", n < 3 ? "staging" : "prod");
                        d.put("startedAt", "2026-11-2" + n + "T10:00:00Z");
                        d.put("finishedAt", "2026-11-2" + n + "T10:01:00Z");
                        d.put("status", n == 4 ? "failed" : "succeeded");
                    }))
                    .andExpect(status().isCreated());
        }
        mvc.perform(get("/api/v1/deployments")
                        .param("environment", "staging")
                        .param("size", "2")
                        .header("Authorization", "Bearer " + reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].externalId").value("run-2"));
        mvc.perform(get("/api/v1/deployments")
                        .param("environment", "staging")
                        .param("size", "2")
                        .param("page", "1")
                        .header("Authorization", "Bearer " + reader))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].externalId").value("run-0"));
        mvc.perform(get("/api/v1/deployments").param("status", "failed").header("Authorization", "Bearer " + reader))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].externalId").value("run-4"));
        mvc.perform(get("/api/v1/deployments")
                        .param("from", "2026-11-21T00:00:00Z")
                        .param("to", "2026-11-23T00:00:00Z")
                        .header("Authorization", "Bearer " + reader))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/v1/deployments").param("from", "yesterday").header("Authorization", "Bearer " + reader))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        // Every list shares the same parameters and the same answers to bad ones: field errors, no Java type names.
        for (String list :
                List.of("/api/v1/ci-runs", "/api/v1/deployments", "/api/v1/backups", "/api/v1/drift-reports")) {
            mvc.perform(get(list).param("page", "-1").param("size", "501").header("Authorization", "Bearer " + reader))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[*].field")
                            .value(org.hamcrest.Matchers.containsInAnyOrder("page", "size")));
            mvc.perform(get(list).param("page", "abc").header("Authorization", "Bearer " + reader))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("page"))
                    .andExpect(jsonPath("$.errors[0].message").value("has an invalid value"));
        }
    }

    @Test
    void ciRunsFilterByOutcomeAndByTheEnvironmentTheirCommitWasDeployedTo() throws Exception {
        post("/api/v1/ci-runs", IngestExamples.body("ci-run", project)).andExpect(status().isCreated());
        post("/api/v1/deployments", IngestExamples.body("deployment", project)).andExpect(status().isCreated());
        mvc.perform(get("/api/v1/ci-runs").param("environment", "prod").header("Authorization", "Bearer " + reader))
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/v1/ci-runs").param("environment", "dev").header("Authorization", "Bearer " + reader))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/v1/ci-runs").param("status", "failed").header("Authorization", "Bearer " + reader))
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/v1/ci-runs").param("status", "passed").header("Authorization", "Bearer " + reader))
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void durableEventPublicationsAreCompletedOncePerListener() throws Exception {
        // A CI run's event has a durable listener (approvals re-checks open requests); compliance's listeners
        // are plain ones that leave an evaluation request (IngestEventListener), so they have no publication.
        post("/api/v1/ci-runs", IngestExamples.body("ci-run", project)).andExpect(status().isCreated());
        org.awaitility.Awaitility.await("every publication of the run completed")
                .atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL AND serialized_event LIKE ?")
                                .param("%" + project + "%")
                                .query(Long.class)
                                .single())
                        .isZero());
        // One publication per durable listener, each exactly once.
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM event_publication WHERE event_type LIKE '%CiRunRecorded' AND serialized_event LIKE ?")
                        .param("%" + project + "%")
                        .query(Long.class)
                        .single())
                .isPositive()
                .isEqualTo(jdbc.sql(
                                "SELECT COUNT(DISTINCT listener_id) FROM event_publication WHERE event_type LIKE '%CiRunRecorded' "
                                        + "AND serialized_event LIKE ?")
                        .param("%" + project + "%")
                        .query(Long.class)
                        .single());
    }

    private List<String> auditActions(String projectKey) {
        return jdbc.sql("SELECT action FROM audit_entry WHERE project_key = ?")
                .param(projectKey)
                .query(String.class)
                .list();
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> none() {
        return Map.of();
    }
}
