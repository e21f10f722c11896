package org.migrationportal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.migrationportal.identity.LoginThrottleTests.MovableClock;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A token that authenticated is remembered for a few seconds ({@link ApiTokenAuthenticator}): changes made
 * through the portal (revocation — see {@link ApiTokenTests} — or disabling the user) apply at once; a change
 * behind the portal's back (another instance, a project archived) applies once the interval passed.
 */
@PortalIntegrationTest
class TokenCacheTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccounts accounts;

    @Test
    void aRememberedTokenIsReadAgainOnceTheIntervalPassed() {
        String project = TestData.uniqueKey("cache");
        data.project(project);
        String token = data.projectToken(project, List.of("read"), List.of());
        MovableClock clock = new MovableClock();
        ApiTokenAuthenticator authenticator = new ApiTokenAuthenticator(jdbc, clock, Duration.ofSeconds(5));
        assertThat(authenticator.authenticate(token)).isPresent();

        // Revoked by another instance: this one still knows the token as valid for the rest of the interval ...
        jdbc.sql("update api_token set revoked_at = current_timestamp where public_id = ?")
                .param(token.substring(4, 16))
                .update();
        clock.advance(Duration.ofSeconds(4));
        assertThat(authenticator.authenticate(token)).isPresent();
        // ... and reads the row again after it.
        clock.advance(Duration.ofSeconds(2));
        assertThat(authenticator.authenticate(token)).isEmpty();
        // A failed lookup is not remembered, and a token is never remembered without a lookup.
        assertThat(authenticator.authenticate(token)).isEmpty();
    }

    @Test
    void anIntervalOfZeroReadsTheTokenOnEveryRequest() {
        String project = TestData.uniqueKey("nocache");
        data.project(project);
        String token = data.projectToken(project, List.of("read"), List.of());
        ApiTokenAuthenticator authenticator = new ApiTokenAuthenticator(jdbc, new MovableClock(), Duration.ZERO);
        assertThat(authenticator.authenticate(token)).isPresent();
        jdbc.sql("update api_token set revoked_at = current_timestamp where public_id = ?")
                .param(token.substring(4, 16))
                .update();
        assertThat(authenticator.authenticate(token)).isEmpty();
    }

    @Test
    void disablingAUserStopsTheirRememberedTokensAtOnce() throws Exception {
        String username = TestData.uniqueKey("leaver");
        data.user(username);
        String token = data.personalToken(username);
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());

        accounts.update(username, null, false, List.of());

        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized());
    }
}
