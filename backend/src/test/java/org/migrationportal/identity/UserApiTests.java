package org.migrationportal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

@PortalIntegrationTest
class UserApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserAccounts accounts;

    String adminToken;
    String project;

    @BeforeEach
    void setUp() {
        adminToken = data.personalToken(data.admin(TestData.uniqueKey("user-admin")));
        project = TestData.uniqueKey("people");
        data.project(project);
    }

    @Test
    void anAdminCreatesAnApproverWithAHashedPassword() throws Exception {
        String username = TestData.uniqueKey("alice");
        mvc.perform(post("/api/v1/users")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + username
                                + "\",\"password\":\"a-long-enough-secret\",\"roles\":[{\"role\":\"APPROVER\",\"project\":\""
                                + project + "\"}]}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value(username))
                .andExpect(jsonPath("$.roles[0].role").value("APPROVER"))
                .andExpect(jsonPath("$.roles[0].project").value(project))
                .andExpect(jsonPath("$.password").doesNotExist());

        String hash =
                jdbc.queryForObject("select password_hash from portal_user where username = ?", String.class, username);
        assertThat(hash).startsWith("{pbkdf2@SpringSecurity_v5_8}").doesNotContain("a-long-enough-secret");
        assertThat(accounts.passwordMatches(username, "a-long-enough-secret")).isTrue();
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_entry where action = 'user.created' and target_id = ?",
                        Integer.class,
                        username))
                .isEqualTo(1);
    }

    @Test
    void badUsersAreRefusedFieldByField() throws Exception {
        mvc.perform(post("/api/v1/users")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"A B\",\"password\":\"short\",\"roles\":[{\"role\":\"APPROVER\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder("username", "password")));
        mvc.perform(post("/api/v1/users")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + TestData.uniqueKey("bob")
                                + "\",\"password\":\"a-long-enough-secret\",\"roles\":[{\"role\":\"APPROVER\"},{\"role\":\"ADMIN\",\"project\":\""
                                + project + "\"}]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder("roles[0].project", "roles[1].project")));
        mvc.perform(
                        post("/api/v1/users")
                                .header("Authorization", "Bearer " + adminToken)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"username\":\"x1\",\"password\":\"a-long-enough-secret\",\"roles\":[{\"role\":\"OWNER\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("roles[0].role"));
    }

    @Test
    void aTakenUsernameIsAConflict() throws Exception {
        String username = data.user(TestData.uniqueKey("taken"));
        mvc.perform(post("/api/v1/users")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + username + "\",\"password\":\"a-long-enough-secret\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("username"));
    }

    @Test
    void onlyAdminsListUsers() throws Exception {
        mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + adminToken))
                .andExpect(status().isOk());
        String auditor = data.user(TestData.uniqueKey("auditor"), new RoleGrantDefinition(Role.AUDITOR, null));
        mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + data.personalToken(auditor)))
                .andExpect(status().isForbidden());
    }
}
