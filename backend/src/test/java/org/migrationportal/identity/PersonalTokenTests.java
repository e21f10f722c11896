package org.migrationportal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.shared.InvalidRequestException;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Personal tokens carry scopes and an expiry; deciding approvals through the API needs a re-authenticated token. */
@PortalIntegrationTest
class PersonalTokenTests {

    /** No such request: a decision that passes every access check ends in 404. */
    static final String NO_REQUEST = "/api/v1/approvals/987654321/decisions";

    static final String DECISION = "{\"decision\":\"approve\",\"comment\":\"checked\"}";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    String project;
    String approver;

    @BeforeEach
    void setUp() {
        project = TestData.uniqueKey("scopes");
        data.project(project);
        approver = data.user(TestData.uniqueKey("approver"), new RoleGrantDefinition(Role.APPROVER, project));
    }

    private ResultActions decide(String token) throws Exception {
        return mvc.perform(post(NO_REQUEST)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(DECISION));
    }

    private static String publicId(String token) {
        return token.substring(4, 16);
    }

    @Test
    void aPersonalTokenReadsByDefaultAndExpiresAfterThirtyDays() {
        String token = data.personalToken(approver, null);
        var row = jdbc.queryForMap("select scopes, expires_at from api_token where public_id = ?", publicId(token));
        assertThat(row.get("scopes")).isEqualTo("read");
        Instant expires = ((java.sql.Timestamp) row.get("expires_at")).toInstant();
        assertThat(expires).isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(Duration.ofMinutes(5)));
    }

    @Test
    void anExpiryBeyondTheMaximumAndAdminForNonAdminsAreRefused() {
        assertThatThrownBy(() -> tokens.issuePersonalToken(
                        approver,
                        new NewPersonalToken(
                                "long", List.of("read"), Instant.now().plus(400, ChronoUnit.DAYS)),
                        null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at most 90 days");
        assertThatThrownBy(() -> tokens.issuePersonalToken(
                        approver, new NewPersonalToken("admin", List.of("admin"), null), Instant.now()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("only for admins");
        assertThatThrownBy(() -> tokens.issuePersonalToken(
                        approver, new NewPersonalToken("ci", List.of("ci:write"), null), Instant.now()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aReadTokenOnlyReads() throws Exception {
        String admin = data.admin(TestData.uniqueKey("reader-admin"));
        String readOnly = data.personalToken(admin, null, "read");

        mvc.perform(get("/api/v1/projects/" + project).header("Authorization", "Bearer " + readOnly))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/approvals")
                        .header("Authorization", "Bearer " + readOnly)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("/problems/insufficient-scope"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("approvals:request")));
        // An admin's token without the admin scope has an auditor's reach: no admin reads or writes.
        mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + readOnly))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/projects")
                        .header("Authorization", "Bearer " + readOnly)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("'admin'")));
        mvc.perform(get("/api/v1/audit/verify").header("Authorization", "Bearer " + readOnly))
                .andExpect(status().isOk());

        String adminToken = data.personalToken(admin, null, "read", "admin");
        mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + adminToken))
                .andExpect(status().isOk());
    }

    @Test
    void decidingNeedsTheDecideScopeOnATokenIssuedRightAfterAPasswordConfirmation() throws Exception {
        decide(data.personalToken(approver, Instant.now().minusSeconds(60), "read", "approvals:decide"))
                .andExpect(status().isNotFound());

        decide(data.personalToken(approver, Instant.now(), "read"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("/problems/insufficient-scope"));

        assertThatThrownBy(() ->
                        data.personalToken(approver, Instant.now().minus(Duration.ofMinutes(16)), "approvals:decide"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("password confirmed in the last 15 minutes");

        // A token whose record does not show a fresh confirmation (an old row, a forged one) is refused, saying why.
        String stale = data.personalToken(approver, Instant.now(), "approvals:decide");
        jdbc.update(
                "update api_token set password_confirmed_at = created_at - interval '16 minutes' where public_id = ?",
                publicId(stale));
        tokensForgetEverything();
        decide(stale)
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/reauthentication-required"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("profile page")));
    }

    @Test
    void theProfilePageAsksForThePasswordBeforeIssuingADecideToken() throws Exception {
        // A session without a recent password confirmation (signed in long ago).
        mvc.perform(post("/profile/tokens")
                        .with(user(approver).roles("APPROVER"))
                        .with(csrf())
                        .param("name", "decider")
                        .param("scopes", "read", "approvals:decide"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("enter your password")));
        mvc.perform(post("/profile/tokens")
                        .with(user(approver).roles("APPROVER"))
                        .with(csrf())
                        .param("name", "decider")
                        .param("scopes", "read", "approvals:decide")
                        .param("password", "not-my-password"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("does not match your password")));
        assertThat(jdbc.queryForObject(
                        "select count(*) from api_token t join portal_user u on u.id = t.user_id where u.username = ?",
                        Integer.class,
                        approver))
                .isZero();

        mvc.perform(post("/profile/tokens")
                        .with(user(approver).roles("APPROVER"))
                        .with(csrf())
                        .param("name", "decider")
                        .param("scopes", "read", "approvals:decide")
                        .param("password", TestData.PASSWORD))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("issued-token")));
        var row = jdbc.queryForMap(
                "select t.scopes, t.password_confirmed_at from api_token t join portal_user u on u.id = t.user_id"
                        + " where u.username = ?",
                approver);
        assertThat(row.get("scopes")).isEqualTo("approvals:decide,read");
        assertThat(row.get("password_confirmed_at")).isNotNull();
    }

    @Autowired
    ApiTokenAuthenticator authenticator;

    private void tokensForgetEverything() {
        authenticator.forget(principal -> true);
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
        return org.assertj.core.api.Assertions.within(duration.toSeconds(), ChronoUnit.SECONDS);
    }
}
