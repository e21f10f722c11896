package org.migrationportal.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The compliance pages render live data, htmx gets fragments, admins edit policies with field errors and re-evaluate with progress. */
@PortalIntegrationTest
class CompliancePagesTests {

    static final RequestPostProcessor VIEWER = user("viewer").roles("VIEWER");
    static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    ComplianceEvaluator evaluator;

    String key;
    EvidenceFixture evidence;

    @BeforeEach
    void setUp() {
        key = TestData.uniqueKey("pages");
        evidence = new EvidenceFixture(jdbc, data.project(key));
        evidence.compliantHistory(clock.instant());
        evidence.migration("m4", "m3", "none", true, "none", null);
        evidence.ciRun(
                "c4", "main", 2, EvidenceFixture.ALL_PASSED, clock.instant().minusSeconds(120), "m4");
        evidence.deploy("prod", "m3", "m4", "c4", clock.instant().minusSeconds(60));
        evaluator.evaluateProject(key);
    }

    @Test
    void theOverviewShowsStatusBadgesWithTextCountsAndTheTrendData() throws Exception {
        mvc.perform(get("/").with(VIEWER))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("Project " + key),
                                containsString("status-badge status-fail"),
                                containsString("Failing"),
                                containsString("data-trend-chart=\"overview-trend\""),
                                containsString("/js/compliance.js"))));
    }

    @Test
    void theOverviewFilterAnswersHtmxWithTheGridOnly() throws Exception {
        String grid = mvc.perform(get("/").param("status", "fail")
                        .header("HX-Request", "true")
                        .with(VIEWER))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(grid).contains("id=\"overview-grid\"", "Project " + key).doesNotContain("<html");
    }

    @Test
    void theEnvironmentPageIsTheLiveChecklistWithReasonsAndEvidenceLinks() throws Exception {
        mvc.perform(get("/projects/{k}/environments/prod", key).with(VIEWER))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("Destructive Safety"),
                                containsString("Prevent accidental data loss."),
                                containsString("m4 drops lessons.legacy_path: no approval found; needs 2 for prod."),
                                containsString("href=\"/projects/" + key + "/migrations/m4\""),
                                containsString("id=\"item-destructive-safety\""),
                                containsString("Deployment timeline"),
                                containsString("Drift reports"))));
        mvc.perform(get("/projects/{k}/environments/prod", key)
                        .param("deploymentStatus", "failed")
                        .header("HX-Request", "true")
                        .with(VIEWER))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(containsString("id=\"deployments-table\""), not(containsString("<html")))));
    }

    @Test
    void theProjectPageShowsTheRevisionMatrixCoverageAndChecklist() throws Exception {
        mvc.perform(get("/projects/{k}", key).with(VIEWER))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("Revision matrix"),
                                containsString("75% of 4 migrations reversible"),
                                containsString("Head: m4"),
                                containsString("project-trend"))));
    }

    @Test
    void theMigrationDeploymentAndCiRunPagesShowTheirEvidence() throws Exception {
        mvc.perform(get("/projects/{k}/migrations/m4", key).with(VIEWER))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("drop_column"),
                                containsString("sha256:m4"),
                                containsString("No approval found."),
                                containsString("lint: passed"))));
        long deployment = jdbc.sql("select max(id) from deployment where environment_id = ?")
                .param(evidence.env("prod"))
                .query(Long.class)
                .single();
        mvc.perform(get("/projects/{k}/deployments/{id}", key, deployment).with(VIEWER))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("m4")));
        mvc.perform(get("/projects/{k}/migrations/nope", key).with(VIEWER)).andExpect(status().isNotFound());
        mvc.perform(get("/projects/{k}/deployments/999999999", key).with(VIEWER))
                .andExpect(status().isNotFound());
    }

    @Test
    void theAnalysisReportIsAMarkdownDownloadAndAPrintablePage() throws Exception {
        String markdown = mvc.perform(get("/projects/{k}/report.md", key).with(VIEWER))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString(key + "-migration-analysis.md")))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(markdown)
                .contains(
                        "## 1. Compliance Checklist",
                        "| **Destructive Safety** |",
                        "❌",
                        "✅",
                        "## 2. Strategic Choices",
                        "## 3. Recommended Enhancements",
                        "### A. ",
                        "*Recommendation*");
        mvc.perform(get("/projects/{k}/report", key).with(VIEWER))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Strategic Choices")));
    }

    @Test
    void anAdminEditsAPolicyWithFieldErrorsAndTheChangeReEvaluates() throws Exception {
        mvc.perform(get("/admin/projects/{k}/environments/prod/policy", key).with(VIEWER))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/projects/{k}/environments/prod/policy", key)
                        .with(ADMIN)
                        .with(csrf())
                        .param("requiredChecks", "lint")
                        .param("reviewsRequired", "0")
                        .param("backupWindowHours", "abc")
                        .param("lockThresholdMs", "5000")
                        .param("driftMaxAgeDays", "7")
                        .param("approvalsRequired", "2")
                        .param("approvalExpiryDays", "7")
                        .param("breakGlassReviewHours", "48")
                        .param("gateMode", "enforce"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("is-invalid"),
                                containsString("reviewsRequired-error"),
                                containsString("backupWindowHours-error"))));
        mvc.perform(post("/admin/projects/{k}/environments/prod/policy", key)
                        .with(ADMIN)
                        .with(csrf())
                        .param("requiredChecks", "lint, heads")
                        .param("reviewsRequired", "1")
                        .param("backupWindowHours", "24")
                        .param("lockThresholdMs", "5000")
                        .param("driftMaxAgeDays", "7")
                        .param("approvalsRequired", "2")
                        .param("approvalExpiryDays", "7")
                        .param("breakGlassReviewHours", "48")
                        .param("gateMode", "advisory"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select policy_version from compliance_evaluation where environment_id = ?")
                        .param(evidence.env("prod"))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anAdminReEvaluatesAProjectAndWatchesTheProgress() throws Exception {
        String location = mvc.perform(
                        post("/admin/projects/{k}/evaluate", key).with(ADMIN).with(csrf()))
                .andExpect(redirectedUrlPattern("/admin/projects/" + key + "/evaluations/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> mvc.perform(get(location).with(ADMIN))
                        .andExpect(content().string(containsString("Done: every environment"))));
        mvc.perform(get(location).header("HX-Request", "true").with(ADMIN))
                .andExpect(content()
                        .string(allOf(
                                containsString("evaluation-progress"),
                                containsString("value=\"100\""),
                                not(containsString("<html")))));
    }
}
