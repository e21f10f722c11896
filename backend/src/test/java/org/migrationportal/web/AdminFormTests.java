package org.migrationportal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Every admin form answers bad input with field errors on the same page, never a 500; good input is saved. */
@PortalIntegrationTest
class AdminFormTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    ProjectCatalog catalog;

    final RequestPostProcessor admin = user("form-admin").roles("ADMIN");

    @Test
    void theProjectFormShowsFieldErrors() throws Exception {
        mvc.perform(post("/admin/projects")
                        .with(admin)
                        .with(csrf())
                        .param("key", "Bad Key!")
                        .param("name", "")
                        .param("migrationTool", "rails")
                        .param("repositoryUrl", "not a url")
                        .param("defaultBranch", "has space"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("is-invalid")))
                .andExpect(content().string(containsString("must be a lowercase slug")))
                .andExpect(content().string(containsString("must be an http(s) URL")))
                .andExpect(content().string(containsString("must be a valid git branch name")));
    }

    @Test
    void aTakenProjectKeyIsAFormError() throws Exception {
        String key = TestData.uniqueKey("taken");
        data.project(key);
        mvc.perform(post("/admin/projects")
                        .with(admin)
                        .with(csrf())
                        .param("key", key)
                        .param("name", "Again")
                        .param("migrationTool", "flyway")
                        .param("defaultBranch", "main"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("already exists")));
    }

    @Test
    void creatingAProjectWithStandardEnvironmentsWorks() throws Exception {
        String key = TestData.uniqueKey("formmade");
        mvc.perform(post("/admin/projects")
                        .with(admin)
                        .with(csrf())
                        .param("key", key)
                        .param("name", "Form <Made>")
                        .param("migrationTool", "liquibase")
                        .param("defaultBranch", "main")
                        .param("standardEnvironments", "true"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "project.created"));
        assertThat(catalog.get(key).environments()).extracting("key").containsExactly("dev", "staging", "prod");
        // Text typed by users is escaped on output.
        mvc.perform(get("/projects/" + key).with(user("v").roles("VIEWER")))
                .andExpect(content().string(containsString("Form &lt;Made&gt;")))
                .andExpect(content().string(not(containsString("Form <Made>"))));
    }

    @Test
    void theEnvironmentFormRefusesSelfVerificationAndBadOrder() throws Exception {
        String key = TestData.uniqueKey("envform");
        data.project(key);
        mvc.perform(post("/admin/projects/" + key + "/environments/staging")
                        .with(admin)
                        .with(csrf())
                        .param("key", "staging")
                        .param("name", "Staging")
                        .param("order", "2")
                        .param("verifiedBy", "staging"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("cannot verify itself")));
        mvc.perform(post("/admin/projects/" + key + "/environments/staging")
                        .with(admin)
                        .with(csrf())
                        .param("key", "staging")
                        .param("name", "Staging")
                        .param("order", "prod"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("is-invalid")));
        mvc.perform(post("/admin/projects/" + key + "/environments/staging")
                        .with(admin)
                        .with(csrf())
                        .param("key", "staging")
                        .param("name", "Staging")
                        .param("order", "2")
                        .param("verifiedBy", "prod"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("cycle")));
        mvc.perform(post("/admin/projects/" + key + "/environments")
                        .with(admin)
                        .with(csrf())
                        .param("key", "prod")
                        .param("name", "Again")
                        .param("order", "9"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("already has an environment")));
    }

    @Test
    void theUserFormShowsFieldErrors() throws Exception {
        mvc.perform(post("/admin/users")
                        .with(admin)
                        .with(csrf())
                        .param("username", "X")
                        .param("password", "short"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("must be 12 to 128 characters")))
                .andExpect(content().string(containsString("must be 2 to 64 characters")));
    }

    @Test
    void theTokenFormNeedsAScopeAndAFutureDate() throws Exception {
        String key = TestData.uniqueKey("tokenform");
        data.project(key);
        mvc.perform(post("/admin/projects/" + key + "/tokens")
                        .with(admin)
                        .with(csrf())
                        .param("name", "ci")
                        .param("expiresOn", "2001-01-01"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("choose at least one scope")))
                .andExpect(content().string(containsString("must be a future date")));
        mvc.perform(post("/admin/projects/" + key + "/tokens")
                        .with(admin)
                        .with(csrf())
                        .param("name", "ci")
                        .param("expiresOn", "someday")
                        .param("scopes", "read"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("is-invalid")));
        mvc.perform(post("/admin/projects/" + key + "/tokens")
                        .with(admin)
                        .with(csrf())
                        .param("name", "ci")
                        .param("scopes", "read"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(org.hamcrest.Matchers.matchesPattern(
                                "(?s).*value=\"mcp_[0-9A-Za-z]{12}_[0-9A-Za-z]{38}\".*")));
    }

    @Test
    void unknownProjectsAreAFriendly404() throws Exception {
        mvc.perform(get("/projects/no-such-project").with(user("v").roles("VIEWER")))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Nothing here")));
        mvc.perform(get("/admin/projects/no-such-project").with(admin)).andExpect(status().isNotFound());
    }
}
