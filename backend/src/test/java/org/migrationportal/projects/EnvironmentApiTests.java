package org.migrationportal.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
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

/** Adding and editing environments through the admin API, with the catalogue's rules and an audit entry each. */
@PortalIntegrationTest
class EnvironmentApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    ProjectCatalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    String project;
    String admin;

    @BeforeEach
    void setUp() {
        project = TestData.uniqueKey("envs");
        data.project(project);
        admin = "Bearer " + data.personalToken(data.admin(TestData.uniqueKey("env-admin")));
    }

    @Test
    void anAdminAddsAnEnvironmentVerifiedByAnother() throws Exception {
        mvc.perform(
                        post("/api/v1/projects/" + project + "/environments")
                                .header("Authorization", admin)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"key\":\"prod-eu\",\"name\":\"Production EU\",\"order\":4,\"production\":true,\"verifiedBy\":\"staging\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.key").value("prod-eu"))
                .andExpect(jsonPath("$.verifiedBy").value("staging"));
        assertThat(catalog.get(project).environments())
                .extracting(EnvironmentView::key)
                .containsExactly("dev", "staging", "prod", "prod-eu");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_entry where action = 'environment.created' and project_key = ?",
                        Integer.class,
                        project))
                .isEqualTo(1);
        mvc.perform(get("/api/v1/projects/" + project + "/environments/prod-eu").header("Authorization", admin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.production").value(true));
    }

    @Test
    void editingKeepsTheKeyAndRefusesCycles() throws Exception {
        mvc.perform(put("/api/v1/projects/" + project + "/environments/dev")
                        .header("Authorization", admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"key\":\"dev\",\"name\":\"Dev box\",\"order\":1}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Dev box"));
        mvc.perform(put("/api/v1/projects/" + project + "/environments/staging")
                        .header("Authorization", admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"key\":\"staging\",\"order\":2,\"verifiedBy\":\"prod\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("verifiedBy"));
        mvc.perform(put("/api/v1/projects/" + project + "/environments/staging")
                        .header("Authorization", admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"key\":\"renamed\",\"order\":2}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("key"));
        mvc.perform(put("/api/v1/projects/" + project + "/environments/qa")
                        .header("Authorization", admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"key\":\"qa\",\"order\":2}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void aDuplicateEnvironmentKeyIsAConflict() throws Exception {
        mvc.perform(post("/api/v1/projects/" + project + "/environments")
                        .header("Authorization", admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"key\":\"prod\",\"order\":9}"))
                .andExpect(status().isConflict());
    }
}
