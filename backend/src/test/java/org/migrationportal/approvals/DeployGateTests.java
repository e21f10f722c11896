package org.migrationportal.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.compliance.DeployReadiness.Blocker;
import org.migrationportal.compliance.EvidenceRef;
import org.migrationportal.identity.ApiTokens;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The gate's own responsibilities: who may ask, advisory mode, break-glass, and keeping and auditing every answer. */
@PortalIntegrationTest
@Import(ApprovalsTestConfiguration.class)
class DeployGateTests {

    static final String SHA = "4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeployGate gate;

    @Autowired
    ApiTokens tokens;

    @Autowired
    ApprovalsTestConfiguration.ScriptedReadiness readiness;

    String project;
    String prodToken;

    @BeforeEach
    void setUp() {
        project = TestData.uniqueKey("gate");
        data.project(project);
        prodToken = data.projectToken(project, List.of("gate:read", "deploy:write"), List.of("prod"));
    }

    ResultActions ask(String token, String body) throws Exception {
        return mvc.perform(post("/api/v1/gate")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    String body(String environment) {
        return """
                {"project":"%s","environment":"%s","toRevision":"b7e1d2c3a4f5","commitSha":"%s"}""".formatted(project, environment, SHA);
    }

    @Test
    void deniesWithEveryReasonAndKeepsAndAuditsTheDecision() throws Exception {
        readiness.script(
                project,
                "enforce",
                new Blocker("backup-missing", "No backup of prod in the 24 h before this deploy.", List.of()),
                new Blocker(
                        "staging-not-verified",
                        "b7e1d2c3a4f5 has not succeeded on staging.",
                        List.of(new EvidenceRef("deployment", "9", "/deployments/9"))));

        String response = ask(prodToken, body("prod"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").value("deny"))
                .andExpect(jsonPath("$.mode").value("enforce"))
                .andExpect(jsonPath("$.reasons[0].code").value("backup-missing"))
                .andExpect(jsonPath("$.reasons[0].message").value("No backup of prod in the 24 h before this deploy."))
                .andExpect(jsonPath("$.reasons[0].evidence").isArray())
                .andExpect(jsonPath("$.reasons[1].code").value("staging-not-verified"))
                .andExpect(jsonPath("$.reasons[1].evidence[0].url").value("/deployments/9"))
                .andExpect(jsonPath("$.emergency").doesNotExist())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = Long.parseLong(response.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));

        assertThat(jdbc.sql("select decision from gate_decision where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("deny");
        assertThat(jdbc.sql("select details from audit_entry where action = 'gate.decided' and target_id = ?")
                        .param(String.valueOf(id))
                        .query(String.class)
                        .single())
                .contains("\"decision\":\"deny\"")
                .contains("backup-missing")
                .contains("staging-not-verified");
    }

    @Test
    void allowsWhenNothingBlocks() throws Exception {
        readiness.script(project, "enforce");
        ask(prodToken, body("prod"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").value("allow"))
                .andExpect(jsonPath("$.reasons").isEmpty());
    }

    @Test
    void advisoryModeAllowsAndKeepsTheReasonsAsWarnings() throws Exception {
        readiness.script(project, "advisory", new Blocker("drifted", "prod drifted.", List.of()));
        ask(prodToken, body("prod"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").value("allow"))
                .andExpect(jsonPath("$.mode").value("advisory"))
                .andExpect(jsonPath("$.reasons[0].code").value("drifted"));
    }

    @Test
    void aTokenOfAnotherProjectOrEnvironmentOrWithoutTheScopeIsRefused() throws Exception {
        String other = TestData.uniqueKey("other");
        data.project(other);
        String otherToken = data.projectToken(other, List.of("gate:read"), List.of());
        ask(otherToken, body("prod"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("This token does not belong to project " + project + "."));
        ask(prodToken, body("staging"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("This token is not valid for environment staging."));
        String noScope = data.projectToken(project, List.of("deploy:write"), List.of());
        ask(noScope, body("prod")).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'gate.refused' and project_key = ?")
                        .param(project)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql(
                                "select count(*) from gate_decision g join project p on p.id = g.project_id where p.project_key = ?")
                        .param(project)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void badRequestsAreNamedFieldByField() throws Exception {
        ask(prodToken, """
                {"project":"%s","environment":"prod","toRevision":"","commitSha":"xyz"}""".formatted(project))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder("toRevision", "commitSha")));
        ask(prodToken, """
                {"project":"%s","environment":"qa","toRevision":"abc","commitSha":"%s"}""".formatted(project, SHA)).andExpect(status().isNotFound());
        ask(prodToken, """
                {"project":"nope-%s","environment":"prod","toRevision":"abc","commitSha":"%s"}""".formatted(project, SHA)).andExpect(status().isNotFound());
    }

    @Test
    void breakGlassNeedsAnAllowedTokenAndAReason() throws Exception {
        readiness.script(project, "enforce", new Blocker("backup-missing", "No backup.", List.of()));
        String emergency = """
                {"project":"%s","environment":"prod","toRevision":"b7e1d2c3a4f5","commitSha":"%s","emergency":true,"reason":"%s"}""";
        ask(prodToken, emergency.formatted(project, SHA, "outage"))
                .andExpect(status().isForbidden())
                .andExpect(
                        jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("This token may not break glass")));

        allowBreakGlass(prodToken);
        ask(prodToken, emergency.formatted(project, SHA, " "))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));

        String response = ask(prodToken, emergency.formatted(project, SHA, "payments down, hotfix"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").value("allow"))
                .andExpect(jsonPath("$.emergency").value(true))
                .andExpect(jsonPath("$.reasons[0].code").value("backup-missing"))
                .andExpect(jsonPath("$.reviewId").isNumber())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long reviewId = Long.parseLong(response.replaceAll("(?s).*\"reviewId\":(\\d+).*", "$1"));
        long decisionId = Long.parseLong(response.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));

        assertThat(jdbc.sql("select emergency from gate_decision where id = ?")
                        .param(decisionId)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'gate.break-glass' and target_id = ?")
                        .param(String.valueOf(decisionId))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        var review = jdbc.sql("select kind, status, gate_decision_id, reason from approval_request where id = ?")
                .param(reviewId)
                .query()
                .singleRow();
        assertThat(review)
                .containsEntry("kind", "review")
                .containsEntry("status", "pending")
                .containsEntry("gate_decision_id", decisionId)
                .containsEntry("reason", "payments down, hotfix");
    }

    @Test
    void aDeploymentThatWentAheadAgainstADenyIsListedForTheEnvironmentPage() throws Exception {
        readiness.script(project, "enforce", new Blocker("backup-missing", "No backup.", List.of()));
        String response = ask(prodToken, body("prod")).andReturn().getResponse().getContentAsString();
        long denyId = Long.parseLong(response.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
        mvc.perform(post("/api/v1/deployments")
                        .header("Authorization", "Bearer " + prodToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"project":"%s","environment":"prod","provider":"gh","externalId":"d1","attempt":1,"commitSha":"%s",
                                 "toRevision":"b7e1d2c3a4f5","status":"succeeded","startedAt":"2026-11-21T14:00:05Z",
                                 "actor":{"type":"pipeline","name":"deploy.yml"},"gateDecisionId":%d}""".formatted(project, SHA, denyId)))
                .andExpect(status().isCreated());
        long prodId = data.project(TestData.uniqueKey("unused"))
                .environments()
                .get(0)
                .id(); // another project's: must not list it
        assertThat(gate.deploymentsAgainstDeny(prodId)).isEmpty();
        var prod = jdbc.sql(
                        "select e.id from environment e join project p on p.id = e.project_id where p.project_key = ? and e.environment_key = 'prod'")
                .param(project)
                .query(Long.class)
                .single();
        assertThat(gate.deploymentsAgainstDeny(prod)).singleElement().satisfies(d -> {
            assertThat(d.gateDecisionId()).isEqualTo(denyId);
            assertThat(d.reasons()).isEqualTo("backup-missing");
        });
        mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                        "/projects/" + project + "/environments/prod")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user("viewer")))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("Deployed against a gate deny")));
    }

    void allowBreakGlass(String tokenSecret) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(
                "test-admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        SecurityContextHolder.setContext(context);
        try {
            long tokenId = tokens.projectTokens(project).stream()
                    .filter(t -> tokenSecret.contains("_" + t.publicId() + "_"))
                    .findFirst()
                    .orElseThrow()
                    .id();
            gate.allowEmergency(project, tokenId, true);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
