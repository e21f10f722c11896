package org.migrationportal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

/** Project and personal API tokens: format, storage, the 401/403 matrix, revocation and expiry. */
@PortalIntegrationTest
class ApiTokenTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcTemplate jdbc;

    final JsonMapper json = JsonMapper.builder().build();

    String project;
    String adminToken;

    @BeforeEach
    void setUp() {
        project = TestData.uniqueKey("tokens");
        data.project(project);
        adminToken = data.personalToken(data.admin(TestData.uniqueKey("token-admin")));
    }

    private Map<?, ?> issue(String body) throws Exception {
        MvcResult result = mvc.perform(post("/api/v1/projects/" + project + "/tokens")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn();
        return json.readValue(result.getResponse().getContentAsString(), Map.class);
    }

    @Test
    void anIssuedTokenIsShownOnceAndStoredOnlyAsAHash() throws Exception {
        Map<?, ?> issued = issue(
                "{\"name\":\"prod-deployer\",\"scopes\":[\"deploy:write\",\"gate:read\"],\"environments\":[\"prod\"],\"expiresAt\":\"2099-06-30T00:00:00Z\"}");
        String token = (String) issued.get("token");

        assertThat(token).matches("mcp_[0-9A-Za-z]{12}_[0-9A-Za-z]{38}");
        String publicId = token.substring(4, 16);
        Map<String, Object> row = jdbc.queryForMap("select * from api_token where public_id = ?", publicId);
        assertThat(row.get("secret_sha256").toString()).hasSize(64).doesNotContain(token.substring(17, 49));
        assertThat(jdbc.queryForObject(
                        "select count(*) from api_token where secret_sha256 like ? or public_id like ?",
                        Integer.class,
                        "%" + token.substring(17, 40) + "%",
                        "%" + token.substring(17, 40) + "%"))
                .isZero();
        assertThat(((Map<?, ?>) issued.get("details")).get("environments")).isEqualTo(List.of("prod"));

        mvc.perform(get("/api/v1/projects/" + project + "/tokens").header("Authorization", "Bearer " + adminToken))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].publicId").value(publicId))
                .andExpect(jsonPath("$[0].token").doesNotExist());
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_entry where action = 'token.created' and target_id = ?",
                        Integer.class,
                        publicId))
                .isEqualTo(1);
    }

    @Test
    void missingMalformedForgedAndUnknownTokensAre401() throws Exception {
        String valid = data.projectToken(project, List.of("read"), List.of());
        String forgedChecksum = valid.substring(0, valid.length() - 1) + (valid.endsWith("A") ? "B" : "A");
        String unknown = data.projectToken(project, List.of("read"), List.of());
        jdbc.update("delete from api_token where public_id = ?", unknown.substring(4, 16));

        mvc.perform(get("/api/v1/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        for (String bad :
                List.of("Bearer nonsense", "Bearer " + forgedChecksum, "Bearer " + unknown, "Basic YWRtaW46YWRtaW4=")) {
            mvc.perform(get("/api/v1/me").header("Authorization", bad))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().exists("WWW-Authenticate"))
                    .andExpect(jsonPath("$.status").value(401));
        }
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + valid))
                .andExpect(status().isOk());
    }

    @Test
    void revokedAndExpiredTokensStopWorking() throws Exception {
        Map<?, ?> issued = issue("{\"name\":\"short-lived\",\"scopes\":[\"read\"]}");
        String token = (String) issued.get("token");
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());
        assertThat(jdbc.queryForObject(
                        "select last_used_at is not null from api_token where id = ?",
                        Boolean.class,
                        ((Number) issued.get("id")).longValue()))
                .isTrue();

        mvc.perform(delete("/api/v1/projects/" + project + "/tokens/" + issued.get("id"))
                        .header("Authorization", "Bearer " + adminToken))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized());

        String expiring = data.projectToken(project, List.of("read"), List.of());
        jdbc.update(
                "update api_token set expires_at = now() - interval '1 minute' where public_id = ?",
                expiring.substring(4, 16));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + expiring))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void tokensWithoutTheRoleOrProjectAre403() throws Exception {
        String projectToken = data.projectToken(project, List.of("ci:write", "read"), List.of());
        String viewerToken = data.personalToken(data.user(TestData.uniqueKey("plain")));
        String otherProject = TestData.uniqueKey("elsewhere");
        data.project(otherProject);

        for (String token : List.of(projectToken, viewerToken)) {
            mvc.perform(post("/api/v1/projects/" + project + "/tokens")
                            .header("Authorization", "Bearer " + token)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"name\":\"x\",\"scopes\":[\"read\"]}"))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + token))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/v1/projects/" + otherProject).header("Authorization", "Bearer " + projectToken))
                .andExpect(status().isForbidden());
        String noRead = data.projectToken(project, List.of("ci:write"), List.of());
        mvc.perform(get("/api/v1/projects/" + project).header("Authorization", "Bearer " + noRead))
                .andExpect(status().isForbidden());
    }

    @Test
    void badTokenRequestsNameTheirFields() throws Exception {
        mvc.perform(
                        post("/api/v1/projects/" + project + "/tokens")
                                .header("Authorization", "Bearer " + adminToken)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"name\":\"\",\"scopes\":[\"write-everything\"],\"expiresAt\":\"2001-01-01T00:00:00Z\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder("name", "scopes[0]", "expiresAt")));
        mvc.perform(post("/api/v1/projects/" + project + "/tokens")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"scopes\":[\"read\"],\"environments\":[\"qa\"]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("environments[0]"));
        mvc.perform(post("/api/v1/projects/no-such-project/tokens")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"scopes\":[\"read\"]}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void personalTokensActWithTheirUsersRoles() throws Exception {
        String approver = data.user(TestData.uniqueKey("approver"), new RoleGrantDefinition(Role.APPROVER, project));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + data.personalToken(approver)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(approver))
                .andExpect(jsonPath("$.authorities")
                        .value(org.hamcrest.Matchers.hasItems("ROLE_APPROVER", "APPROVER:" + project)));
    }
}
