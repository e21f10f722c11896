package org.migrationportal.compliance;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectDetails;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The compliance API (shape of api-examples/compliance-response.json), policy API and the public badge. */
@PortalIntegrationTest
class ComplianceApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    ProjectCatalog projects;

    String key;
    String reader;
    EvidenceFixture evidence;

    @BeforeEach
    void setUp() {
        key = TestData.uniqueKey("api");
        evidence = new EvidenceFixture(jdbc, data.project(key));
        reader = data.projectToken(key, List.of("read"), List.of());
    }

    @Test
    void anEnvironmentsComplianceHasTheContractShape() throws Exception {
        evidence.compliantHistory(clock.instant());
        evidence.drift(
                "prod", clock.instant().minusSeconds(60), true, "+ index ix_lessons_created_at (not in migrations)");
        mvc.perform(get("/api/v1/projects/{p}/environments/prod/compliance", key)
                        .header("Authorization", "Bearer " + reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.project").value(key))
                .andExpect(jsonPath("$.environment").value("prod"))
                .andExpect(jsonPath("$.status").value("fail"))
                .andExpect(jsonPath("$.policyVersion").value(0))
                .andExpect(jsonPath("$.evaluatedAt").isString())
                .andExpect(jsonPath("$.items.length()").value(13))
                .andExpect(jsonPath("$.items[0].key").value("version-control"))
                .andExpect(jsonPath("$.items[?(@.key == 'drift')].status").value(hasItem("fail")))
                .andExpect(jsonPath("$.items[?(@.key == 'drift')].evidence[0].type")
                        .value(hasItem("drift-report")))
                .andExpect(jsonPath("$.items[?(@.key == 'drift')].evidence[0].url")
                        .value(hasItem(containsString("/environments/prod/drift/"))));
    }

    @Test
    void aProjectsComplianceListsEveryEnvironmentAndItsWorstStatus() throws Exception {
        mvc.perform(get("/api/v1/projects/{p}/compliance", key).header("Authorization", "Bearer " + reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("unknown"))
                .andExpect(jsonPath("$.environments.length()").value(3));
    }

    @Test
    void unknownEnvironmentsAreNotFoundAndOtherProjectsTokensAreForbidden() throws Exception {
        mvc.perform(get("/api/v1/projects/{p}/environments/qa/compliance", key)
                        .header("Authorization", "Bearer " + reader))
                .andExpect(status().isNotFound());
        String other = TestData.uniqueKey("other");
        data.project(other);
        mvc.perform(get("/api/v1/projects/{p}/compliance", other).header("Authorization", "Bearer " + reader))
                .andExpect(status().isForbidden());
    }

    @Test
    void policyChangesAreValidatedFieldByField() throws Exception {
        String admin = data.personalToken(data.admin(TestData.uniqueKey("admin")));
        mvc.perform(
                        put("/api/v1/projects/{p}/environments/prod/policy", key)
                                .header("Authorization", "Bearer " + admin)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"requiredChecks\":[\"Lint!\"],\"reviewsRequired\":0,\"backupWindowHours\":24,\"lockThresholdMs\":5000,"
                                                + "\"driftMaxAgeDays\":7,\"approvalsRequired\":2,\"approvalExpiryDays\":7,\"breakGlassReviewHours\":48,\"gateMode\":\"sometimes\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder(
                                "requiredChecks[0]", "reviewsRequired", "gateMode")));
        mvc.perform(
                        put("/api/v1/projects/{p}/environments/prod/policy", key)
                                .header("Authorization", "Bearer " + admin)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"requiredChecks\":[\"lint\"],\"reviewsRequired\":1,\"backupWindowHours\":12,\"lockThresholdMs\":5000,"
                                                + "\"driftMaxAgeDays\":7,\"approvalsRequired\":3,\"approvalExpiryDays\":7,\"breakGlassReviewHours\":48,\"gateMode\":\"advisory\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.approvalsRequired").value(3));
        mvc.perform(get("/api/v1/projects/{p}/environments/prod/policy", key)
                        .header("Authorization", "Bearer " + reader))
                .andExpect(jsonPath("$.gateMode").value("advisory"));
        mvc.perform(
                        put("/api/v1/projects/{p}/environments/prod/policy", key)
                                .header("Authorization", "Bearer " + reader)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"requiredChecks\":[\"lint\"],\"reviewsRequired\":1,\"backupWindowHours\":12,\"lockThresholdMs\":5000,"
                                                + "\"driftMaxAgeDays\":7,\"approvalsRequired\":3,\"approvalExpiryDays\":7,\"breakGlassReviewHours\":48,\"gateMode\":\"enforce\"}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theBadgeIsPublicOnlyOnceAnAdminEnabledIt() throws Exception {
        mvc.perform(get("/badges/{p}/prod.svg", key)).andExpect(status().isNotFound());
        ComplianceEvaluationTests.asAdmin(
                () -> projects.update(key, new ProjectDetails("Project " + key, "alembic", null, "main", true)));
        mvc.perform(get("/badges/{p}/prod.svg", key))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("image/svg+xml")))
                .andExpect(content().string(containsString("migrations prod")))
                .andExpect(content().string(containsString("unknown")));
        mvc.perform(get("/badges/{p}/qa.svg", key)).andExpect(status().isNotFound());
    }
}
