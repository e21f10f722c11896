package org.migrationportal.identity;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Who may open which page: anonymous visitors are sent to sign in; roles decide the rest. */
@PortalIntegrationTest
class PageAccessTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    static Stream<String> protectedPages() {
        return Stream.of("/", "/projects", "/profile", "/admin/projects", "/admin/users", "/audit", "/approvals");
    }

    @ParameterizedTest
    @MethodSource("protectedPages")
    void anonymousVisitorsAreSentToSignIn(String page) throws Exception {
        mvc.perform(get(page)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
    }

    static Stream<Arguments> roleMatrix() {
        return Stream.of(
                Arguments.of("/", "VIEWER", 200), Arguments.of("/projects", "VIEWER", 200),
                Arguments.of("/admin/projects", "VIEWER", 403), Arguments.of("/admin/users", "VIEWER", 403),
                Arguments.of("/admin/projects/new", "APPROVER", 403), Arguments.of("/audit", "VIEWER", 403),
                Arguments.of("/audit", "APPROVER", 403), Arguments.of("/admin/users", "AUDITOR", 403),
                Arguments.of("/admin/projects", "ADMIN", 200), Arguments.of("/admin/users", "ADMIN", 200),
                Arguments.of("/admin/projects/new", "ADMIN", 200), Arguments.of("/", "AUDITOR", 200));
    }

    @ParameterizedTest(name = "{1} opening {0} gets {2}")
    @MethodSource("roleMatrix")
    void rolesDecideWhichPagesOpen(String page, String role, int expected) throws Exception {
        mvc.perform(get(page).with(user("someone").roles(role))).andExpect(status().is(expected));
    }

    @Test
    void forbiddenPagesAreFriendlyAndShowNoInternals() throws Exception {
        mvc.perform(get("/admin/users").with(user("someone").roles("VIEWER")).accept("text/html"))
                .andExpect(status().isForbidden());
    }

    @Test
    void formsRefuseRequestsWithoutTheCsrfToken() throws Exception {
        RequestPostProcessor admin = user("admin-csrf").roles("ADMIN");
        String key = TestData.uniqueKey("csrf");
        mvc.perform(post("/admin/projects")
                        .with(admin)
                        .param("key", key)
                        .param("name", "CSRF")
                        .param("migrationTool", "alembic")
                        .param("defaultBranch", "main"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/projects")
                        .with(admin)
                        .with(SecurityMockMvcRequestPostProcessors.csrf().useInvalidToken())
                        .param("key", key)
                        .param("name", "CSRF")
                        .param("migrationTool", "alembic")
                        .param("defaultBranch", "main"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/projects")
                        .with(admin)
                        .with(csrf())
                        .param("key", key)
                        .param("name", "CSRF")
                        .param("migrationTool", "alembic")
                        .param("defaultBranch", "main"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void signOutNeedsCsrfToo() throws Exception {
        mvc.perform(post("/logout").with(user("someone").roles("VIEWER"))).andExpect(status().isForbidden());
        mvc.perform(post("/logout").with(user("someone").roles("VIEWER")).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/login?logout*"));
    }

    @Test
    void pagesCarrySecurityHeaders() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "same-origin"));
    }

    @Test
    void anExpiredSessionDuringAnHtmxRequestRedirectsTheWholePage() throws Exception {
        mvc.perform(get("/projects").header("HX-Request", "true"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Redirect", "/login"));
    }

    @Test
    void healthIsPublicButMetricsAreForAdmins() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        String viewer = data.personalToken(data.user(TestData.uniqueKey("metrics-viewer")));
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + viewer))
                .andExpect(status().isForbidden());
        String admin = data.personalToken(data.admin(TestData.uniqueKey("metrics-admin")));
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + admin))
                .andExpect(status().isOk());
    }
}
