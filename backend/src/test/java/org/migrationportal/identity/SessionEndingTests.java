package org.migrationportal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Taking something away from a user (disabling, removing a role, resetting the password) ends their
 * signed-in sessions at once, on the real server with sessions in the database; personal tokens of a
 * disabled user stop working on the next request.
 */
@PortalIntegrationTest
class SessionEndingTests {

    private static final RoleGrantDefinition ADMIN = new RoleGrantDefinition(Role.ADMIN, null);

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    private SignedInBrowser signedIn(String username) throws Exception {
        SignedInBrowser browser = new SignedInBrowser(port);
        assertThat(browser.signIn(username, TestData.PASSWORD).headers().firstValue("Location"))
                .get()
                .asString()
                .doesNotContain("error");
        return browser;
    }

    private static boolean signedOut(HttpResponse<String> response) {
        return response.statusCode() == 302
                && response.headers().firstValue("Location").orElse("").endsWith("/login");
    }

    @Test
    void aDemotedAdminsOpenSessionNoLongerReachesTheAdminPages() throws Exception {
        String admin = data.user(TestData.uniqueKey("demoted"), ADMIN);
        SignedInBrowser browser = signedIn(admin);
        SignedInBrowser second = signedIn(admin);
        assertThat(browser.get("/admin/users").statusCode()).isEqualTo(200);

        accounts.update(admin, admin, true, List.of());

        assertThat(signedOut(browser.get("/admin/users"))).isTrue();
        assertThat(signedOut(second.get("/"))).isTrue();
        assertThat(jdbc.queryForObject(
                        "select count(*) from spring_session where principal_name = ?", Integer.class, admin))
                .isZero();
    }

    @Test
    void disablingAUserEndsTheirSessions() throws Exception {
        String user = data.user(TestData.uniqueKey("leaver"));
        SignedInBrowser browser = signedIn(user);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        accounts.update(user, user, false, List.of());

        assertThat(signedOut(browser.get("/"))).isTrue();
    }

    @Test
    void anAdminsPasswordResetEndsEverySessionOfTheUser() throws Exception {
        String user = data.user(TestData.uniqueKey("reset"));
        SignedInBrowser browser = signedIn(user);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        accounts.resetPassword(user, "a-brand-new-password");

        assertThat(signedOut(browser.get("/"))).isTrue();
    }

    @Test
    void addingARoleKeepsTheSession() throws Exception {
        String project = TestData.uniqueKey("grow");
        data.project(project);
        String user = data.user(TestData.uniqueKey("promoted"));
        SignedInBrowser browser = signedIn(user);

        accounts.update(user, user, true, List.of(new RoleGrantDefinition(Role.APPROVER, project)));

        assertThat(browser.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void changingYourOwnPasswordEndsYourOtherSessionsButNotThisOne() throws Exception {
        String user = data.user(TestData.uniqueKey("changer"));
        SignedInBrowser here = signedIn(user);
        SignedInBrowser elsewhere = signedIn(user);

        HttpResponse<String> changed = here.post(
                "/profile",
                "/profile/password",
                "currentPassword=" + URLEncoder.encode(TestData.PASSWORD, StandardCharsets.UTF_8)
                        + "&newPassword=another-long-password&confirmPassword=another-long-password");

        assertThat(changed.headers().firstValue("Location")).get().asString().endsWith("/profile");
        assertThat(here.get("/").statusCode()).isEqualTo(200);
        assertThat(signedOut(elsewhere.get("/"))).isTrue();
    }

    @Test
    void aDisabledUsersPersonalTokenStopsAtOnceOnEveryInstance() throws Exception {
        String user = data.user(TestData.uniqueKey("tokenleaver"));
        String token = data.personalToken(user);
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());

        // As another instance would see it: the row changes, this instance's token cache is not told.
        jdbc.update("update portal_user set enabled = false where username = ?", user);

        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized());
    }
}
