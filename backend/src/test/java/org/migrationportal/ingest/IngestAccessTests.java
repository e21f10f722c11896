package org.migrationportal.ingest;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Who may post and read evidence: 401 without a valid token, 403 for the wrong scope, project or environment. */
@PortalIntegrationTest
class IngestAccessTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    String project;

    @BeforeEach
    void setUp() {
        project = TestData.uniqueKey("acl");
        data.project(project);
    }

    @Test
    void noTokenOrAnInvalidTokenIs401() throws Exception {
        mvc.perform(post("/api/v1/ci-runs")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(IngestExamples.body("ci-run", project)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/v1/deployments")
                        .header("Authorization", "Bearer mcp_nothing_here")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(IngestExamples.body("deployment", project)))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/backups")).andExpect(status().isUnauthorized());
    }

    @ParameterizedTest(name = "{0} needs another scope than {1}")
    @CsvSource({
        "ci-run,/api/v1/ci-runs,deploy:write",
        "deployment,/api/v1/deployments,ci:write",
        "backup,/api/v1/backups,deploy:write",
        "drift-report,/api/v1/drift-reports,backup:write",
        "deployment,/api/v1/deployments,read"
    })
    void theWrongScopeIs403(String example, String path, String scope) throws Exception {
        String token = data.projectToken(project, List.of(scope), List.of());
        mvc.perform(post(path)
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(IngestExamples.body(example, project)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void driftReportsAcceptCiOrDeployScope() throws Exception {
        String deployer = data.projectToken(project, List.of("deploy:write"), List.of());
        mvc.perform(post("/api/v1/drift-reports")
                        .header("Authorization", "Bearer " + deployer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(IngestExamples.body("drift-report", project)))
                .andExpect(status().isCreated());
    }

    @Test
    void aTokenOfAnotherProjectIs403EvenForAProjectThatDoesNotExist() throws Exception {
        String other = TestData.uniqueKey("other");
        data.project(other);
        String foreign = data.projectToken(other, List.of("ci:write", "deploy:write", "backup:write"), List.of());
        mvc.perform(post("/api/v1/ci-runs")
                        .header("Authorization", "Bearer " + foreign)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(IngestExamples.body("ci-run", project)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/backups")
                        .header("Authorization", "Bearer " + foreign)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(IngestExamples.body("backup", "no-such-project")))
                .andExpect(status().isForbidden());
    }

    @Test
    void aTokenRestrictedToStagingMayNotPostForProd() throws Exception {
        String staging = data.projectToken(project, List.of("deploy:write", "backup:write"), List.of("staging"));
        mvc.perform(post("/api/v1/deployments")
                        .header("Authorization", "Bearer " + staging)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(IngestExamples.body("deployment", project)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/deployments")
                        .header("Authorization", "Bearer " + staging)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(IngestExamples.body("deployment", project, d -> d.put("environment", "staging"))))
                .andExpect(status().isCreated());
    }

    @Test
    void readingNeedsTheReadScopeOrAPersonalTokenAndStaysInsideTheProject() throws Exception {
        String writer = data.projectToken(project, List.of("backup:write"), List.of());
        mvc.perform(post("/api/v1/backups")
                        .header("Authorization", "Bearer " + writer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(IngestExamples.body("backup", project)))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/v1/backups").header("Authorization", "Bearer " + writer))
                .andExpect(status().isForbidden());

        String reader = data.projectToken(project, List.of("read"), List.of());
        mvc.perform(get("/api/v1/backups").header("Authorization", "Bearer " + reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].projectKey").value(project));

        String other = TestData.uniqueKey("nosy");
        data.project(other);
        String nosy = data.projectToken(other, List.of("read"), List.of());
        mvc.perform(get("/api/v1/backups").param("project", project).header("Authorization", "Bearer " + nosy))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/backups").header("Authorization", "Bearer " + nosy))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));

        String personal = data.personalToken(data.user(TestData.uniqueKey("viewer")));
        mvc.perform(get("/api/v1/backups").param("project", project).header("Authorization", "Bearer " + personal))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(post("/api/v1/backups")
                        .header("Authorization", "Bearer " + personal)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(IngestExamples.body("backup", project)))
                .andExpect(status().isForbidden());
    }

    @Test
    void oneItemOfAnotherProjectIs403() throws Exception {
        String writer = data.projectToken(project, List.of("backup:write"), List.of());
        String body = mvc.perform(post("/api/v1/backups")
                        .header("Authorization", "Bearer " + writer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(IngestExamples.body("backup", project)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = IngestExamples.JSON.readTree(body).get("id").asLong();
        String other = TestData.uniqueKey("peek");
        data.project(other);
        String nosy = data.projectToken(other, List.of("read"), List.of());
        mvc.perform(get("/api/v1/backups/" + id).header("Authorization", "Bearer " + nosy))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/backups/999999999").header("Authorization", "Bearer " + nosy))
                .andExpect(status().isNotFound());
    }
}
