package org.migrationportal.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** A decision in the UI needs a password typed in the last 15 minutes; otherwise the page asks for it and then decides. */
@PortalIntegrationTest
class ApprovalPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    ApprovalRequests approvals;

    @Test
    void aStalePasswordLeadsToReauthenticationThatReturnsToTheDecision() throws Exception {
        String project = TestData.uniqueKey("reauth");
        data.project(project);
        String approver = data.user(TestData.uniqueKey("mira"), new RoleGrantDefinition(Role.APPROVER, project));
        postDestructiveCiRunAndAwaitPendingRequest(project);
        long id = approvals.list(project, "prod", "pending").get(0).id();
        var as = user(approver)
                .authorities(org.springframework.security.core.authority.AuthorityUtils.createAuthorityList(
                        "ROLE_APPROVER", Role.approverOf(project)));
        // The app's sessions are Spring Session JDBC sessions; a fresh one has no password confirmation.
        MockHttpSession session = new MockHttpSession();

        mvc.perform(post("/approvals/" + id + "/decisions")
                        .session(session)
                        .with(as)
                        .with(csrf())
                        .param("comment", "fine")
                        .param("decision", "approve"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Confirm your password")));
        assertThat(approvals.get(id).decisions()).isEmpty();

        mvc.perform(post("/approvals/" + id + "/decisions")
                        .session(session)
                        .with(as)
                        .with(csrf())
                        .param("comment", "fine")
                        .param("decision", "approve")
                        .param("password", "wrong-password-123"))
                .andExpect(status().isUnauthorized());
        assertThat(approvals.get(id).decisions()).isEmpty();

        mvc.perform(post("/approvals/" + id + "/decisions")
                        .session(session)
                        .with(as)
                        .with(csrf())
                        .param("comment", "fine")
                        .param("decision", "approve")
                        .param("password", TestData.PASSWORD))
                .andExpect(redirectedUrl("/approvals/" + id));
        assertThat(approvals.get(id).decisions())
                .extracting(ApprovalRequestView.Decision::decidedBy)
                .containsExactly(approver);
        assertThat(approvals.get(id).decisions().get(0).channel()).isEqualTo("ui");
    }

    @Test
    void pagesShowTheApproversPendingCountAndTheActiveNavigationItem() throws Exception {
        // One pending request in each of two projects the approver approves for (and one in a project they don't):
        // the badge must say 2, a number known here, not whatever the service that renders it answers.
        String project = TestData.uniqueKey("badge");
        String other = TestData.uniqueKey("badge");
        String foreign = TestData.uniqueKey("badge");
        data.project(project);
        data.project(other);
        data.project(foreign);
        String approver = data.user(
                TestData.uniqueKey("mira"),
                new RoleGrantDefinition(Role.APPROVER, project),
                new RoleGrantDefinition(Role.APPROVER, other));
        postDestructiveCiRunAndAwaitPendingRequest(project);
        postDestructiveCiRunAndAwaitPendingRequest(other);
        postDestructiveCiRunAndAwaitPendingRequest(foreign);
        var as = user(approver)
                .authorities(org.springframework.security.core.authority.AuthorityUtils.createAuthorityList(
                        "ROLE_APPROVER", Role.approverOf(project), Role.approverOf(other)));

        String page = mvc.perform(get("/approvals").with(as))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("aria-label=\"2 pending approvals\"");
        assertThat(page).containsPattern("class=\"nav-link active\" href=\"/approvals\"");
        assertThat(page).doesNotContainPattern("class=\"nav-link active\" href=\"/projects\"");
    }

    @Test
    void someoneWithoutTheApproverRoleIsRefusedWith403() throws Exception {
        String project = TestData.uniqueKey("norole");
        data.project(project);
        postDestructiveCiRunAndAwaitPendingRequest(project);
        long id = approvals.list(project, "prod", "pending").get(0).id();
        String viewer = data.user(TestData.uniqueKey("viewer"));
        mvc.perform(post("/approvals/" + id + "/decisions")
                        .with(user(viewer))
                        .with(csrf())
                        .param("comment", "ok")
                        .param("decision", "approve")
                        .param("password", TestData.PASSWORD))
                .andExpect(status().isForbidden())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Only approvers of " + project)));
    }

    /** A CI run with a destructive migration: approvals opens a request for prod, which this waits for. */
    private void postDestructiveCiRunAndAwaitPendingRequest(String project) throws Exception {
        String ci = data.projectToken(project, List.of("ci:write"), List.of());
        mvc.perform(post("/api/v1/ci-runs")
                        .header("Authorization", "Bearer " + ci)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        {"project":"%s","provider":"gh","externalId":"1","attempt":1,"commitSha":"4f2c9e1a7b3d","branch":"main",
                         "checks":[],"migrations":[{"revision":"r1","parents":[],"author":"tomas","checksum":"sha256:1",
                         "downgrade":"none","operations":[{"type":"drop_table","table":"t","destructive":true}]}]}""".formatted(project)))
                .andExpect(status().isCreated());
        Awaitility.await("a pending request for " + project)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() ->
                        assertThat(approvals.list(project, "prod", "pending")).hasSize(1));
    }
}
