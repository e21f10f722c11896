package org.migrationportal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Sign-in over real HTTP: sessions, session fixation, no user enumeration, throttling and the audit trail. */
@PortalIntegrationTest
class SignInTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LoginThrottle throttle;

    /** Both ways the test client may reach the server on this machine. */
    private static final java.util.List<String> LOOPBACK = java.util.List.of("127.0.0.1", "0:0:0:0:0:0:0:1");

    /** A browser-like client: keeps cookies, does not follow redirects. */
    final class Browser {
        final SignedInBrowser browser = new SignedInBrowser(port);

        HttpResponse<String> get(String path) throws Exception {
            return browser.get(path);
        }

        HttpResponse<String> signIn(String username, String password) throws Exception {
            return browser.signIn(username, password);
        }

        String session() {
            return browser.session();
        }
    }

    @Test
    void aUserSignsInAndGetsANewSessionId() throws Exception {
        String user = data.user(TestData.uniqueKey("signin"));
        Browser browser = new Browser();
        browser.get("/login");
        String before = browser.session();
        assertThat(before).isNotNull();

        HttpResponse<String> response = browser.signIn(user, TestData.PASSWORD);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).get().asString().doesNotContain("error");
        assertThat(browser.session()).isNotNull().isNotEqualTo(before);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_entry where action = 'login.succeeded' and actor = ?",
                        Integer.class,
                        user))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select last_login_at is not null from portal_user where username = ?", Boolean.class, user))
                .isTrue();
    }

    @Test
    void wrongPasswordsAndUnknownUsersLookExactlyAlike() throws Exception {
        String user = data.user(TestData.uniqueKey("enum"));
        HttpResponse<String> wrongPassword = new Browser().signIn(user, "not-the-password");
        HttpResponse<String> unknownUser = new Browser().signIn(TestData.uniqueKey("ghost"), "not-the-password");

        assertThat(wrongPassword.statusCode()).isEqualTo(302).isEqualTo(unknownUser.statusCode());
        assertThat(wrongPassword.headers().firstValue("Location"))
                .isEqualTo(unknownUser.headers().firstValue("Location"));
        assertThat(wrongPassword.headers().firstValue("Location"))
                .get()
                .asString()
                .endsWith("/login?error");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_entry where action = 'login.failed' and details like ?",
                        Integer.class,
                        "%" + user + "%"))
                .isEqualTo(1);
    }

    @Test
    void repeatedFailuresSlowDownFurtherAttemptsEvenWithTheRightPassword() throws Exception {
        String user = data.user(TestData.uniqueKey("throttle"));
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ACCOUNT; i++) {
            assertThat(new Browser().signIn(user, "wrong-" + i).headers().firstValue("Location"))
                    .get()
                    .asString()
                    .endsWith("?error");
        }
        HttpResponse<String> throttled = new Browser().signIn(user, TestData.PASSWORD);

        assertThat(throttled.headers().firstValue("Location")).get().asString().endsWith("/login?throttled");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_entry where action = 'login.throttled' and details like ?",
                        Integer.class,
                        "%" + user + "%"))
                .isEqualTo(1);
    }

    @Test
    void disabledUsersCannotSignIn() throws Exception {
        String user = data.user(TestData.uniqueKey("disabled"));
        jdbc.update("update portal_user set enabled = false where username = ?", user);
        assertThat(new Browser().signIn(user, TestData.PASSWORD).headers().firstValue("Location"))
                .get()
                .asString()
                .endsWith("/login?error");
    }

    @Test
    void overLongUsernamesAndPasswordsAreTurnedAwayBeforeTheThrottleAndTheAuditTrail() throws Exception {
        String marker = TestData.uniqueKey("huge");
        String hugeUsername = marker + "a".repeat(1_900_000);
        String user = data.user(TestData.uniqueKey("longpw"));
        String tooLongPassword = "p".repeat(PasswordPolicy.MAX_LENGTH + 1);

        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ACCOUNT + 1; i++) {
            assertThat(new Browser()
                            .signIn(hugeUsername, "whatever-" + i)
                            .headers()
                            .firstValue("Location"))
                    .get()
                    .asString()
                    .endsWith("/login?error");
            assertThat(new Browser().signIn(user, tooLongPassword).headers().firstValue("Location"))
                    .get()
                    .asString()
                    .endsWith("/login?error");
        }

        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_entry where details like ? or details like ?",
                        Integer.class,
                        "%" + marker + "%",
                        "%" + user + "%"))
                .isZero();
        for (String address : LOOPBACK) {
            assertThat(throttle.waitBeforeAttempt(hugeUsername, address)).isZero();
            assertThat(throttle.waitBeforeAttempt(user, address)).isZero();
        }
        assertThat(new Browser().signIn(user, TestData.PASSWORD).headers().firstValue("Location"))
                .get()
                .asString()
                .doesNotContain("error");
    }

    @Test
    void attemptsRefusedWhileThrottledDoNotLengthenTheWait() throws Exception {
        String user = data.user(TestData.uniqueKey("patient"));
        int failures = LoginThrottle.FREE_FAILURES_PER_ACCOUNT + 5; // the next attempt waits 2^5 = 32 s
        for (int i = 0; i < failures; i++) {
            LOOPBACK.forEach(address -> throttle.recordFailure(user, address));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(new Browser().signIn(user, "still-guessing").headers().firstValue("Location"))
                    .get()
                    .asString()
                    .endsWith("/login?throttled");
        }
        for (String address : LOOPBACK) {
            assertThat(throttle.waitBeforeAttempt(user, address))
                    .isPositive()
                    .isLessThanOrEqualTo(Duration.ofSeconds(32));
        }
    }
}
