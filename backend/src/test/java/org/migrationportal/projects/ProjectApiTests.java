package org.migrationportal.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@PortalIntegrationTest
class ProjectApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    ProjectCatalog catalog;

    String adminToken;

    @BeforeEach
    void setUp() {
        adminToken = data.personalToken(data.admin(TestData.uniqueKey("admin")));
    }

    @Test
    void adminCreatesAProjectWithEnvironments() throws Exception {
        String key = TestData.uniqueKey("shop");
        mvc.perform(post("/api/v1/projects")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"key":"%s","name":"Shop","migrationTool":"alembic","repositoryUrl":"https://git.example.org/shop",
                                 "defaultBranch":"main","environments":[{"key":"dev","order":1},{"key":"staging","order":2},
                                 {"key":"prod","order":3,"production":true,"verifiedBy":"staging"}]}""".formatted(key)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/projects/" + key))
                .andExpect(jsonPath("$.key").value(key))
                .andExpect(jsonPath("$.environments.length()").value(3))
                .andExpect(jsonPath("$.environments[2].verifiedBy").value("staging"))
                .andExpect(jsonPath("$.environments[2].production").value(true));

        assertThat(catalog.get(key).environment("prod"))
                .get()
                .extracting(EnvironmentView::verifiedBy)
                .isEqualTo("staging");
        mvc.perform(get("/api/v1/projects/" + key).header("Authorization", "Bearer " + adminToken))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Shop"));
    }

    @Test
    void aDuplicateKeyIsAConflict() throws Exception {
        String key = TestData.uniqueKey("dup");
        data.project(key);
        mvc.perform(post("/api/v1/projects")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"key\":\"" + key + "\",\"name\":\"Again\",\"migrationTool\":\"flyway\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("key"));
    }

    @Test
    void badFieldsAreNamedOneByOne() throws Exception {
        mvc.perform(post("/api/v1/projects")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"key":"Not A Slug","name":"","migrationTool":"rails","repositoryUrl":"ftp://x",
                                 "environments":[{"key":"prod","order":0}]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/validation"))
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder(
                                "key", "name", "migrationTool", "repositoryUrl", "environments[0].order")));
    }

    @Test
    void environmentRulesAreCheckedByTheCatalogue() throws Exception {
        mvc.perform(post("/api/v1/projects")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"key":"%s","name":"X","migrationTool":"other","environments":[
                                 {"key":"prod","order":2,"verifiedBy":"qa"},{"key":"prod","order":3}]}""".formatted(TestData.uniqueKey("env"))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.containsInAnyOrder(
                                "environments[1].key", "environments[0].verifiedBy")));
    }

    @Test
    void malformedJsonAndWrongTypesAreProblemsNotErrors() throws Exception {
        mvc.perform(post("/api/v1/projects")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"key\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/malformed"));
        mvc.perform(
                        post("/api/v1/projects")
                                .header("Authorization", "Bearer " + adminToken)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"key\":\"x\",\"name\":\"x\",\"migrationTool\":\"other\",\"environments\":[{\"key\":\"dev\",\"order\":\"first\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("environments[0].order"));
    }

    @Test
    void projectTokensReadOnlyTheirOwnProjectAndCannotCreate() throws Exception {
        String mine = TestData.uniqueKey("mine");
        String other = TestData.uniqueKey("other");
        data.project(mine);
        data.project(other);
        String token = data.projectToken(mine, List.of("read"), List.of());
        mvc.perform(get("/api/v1/projects/" + mine).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/projects/" + other).header("Authorization", "Bearer " + token))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/projects").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1));
        mvc.perform(post("/api/v1/projects")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anUnknownProjectIs404() throws Exception {
        mvc.perform(get("/api/v1/projects/no-such-project").header("Authorization", "Bearer " + adminToken))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
