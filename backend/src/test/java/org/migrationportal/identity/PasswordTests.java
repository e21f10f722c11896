package org.migrationportal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.shared.InvalidRequestException;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

/** One password policy everywhere, and a hash that reads every byte of the password (BCrypt stops at 72). */
@PortalIntegrationTest
class PasswordTests {

    /** 100 ASCII characters: 100 bytes. */
    static final String LONG = "correct-horse-battery-staple-".repeat(4).substring(0, 100);
    /** 30 emoji: 30 characters, 60 UTF-16 units, 120 bytes of UTF-8. */
    static final String EMOJI = "\uD83D\uDD12".repeat(29) + "\uD83D\uDE00";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserAccounts accounts;

    String adminToken;

    @BeforeEach
    void setUp() {
        adminToken = data.personalToken(data.admin(TestData.uniqueKey("pw-admin")));
    }

    @Test
    void passwordsLongerThan72BytesAreAcceptedAndEveryByteCounts() throws Exception {
        assertThat(EMOJI.codePointCount(0, EMOJI.length())).isEqualTo(30);
        assertThat(EMOJI.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(72);
        for (String password : List.of(LONG, EMOJI)) {
            String username = TestData.uniqueKey("longpw");
            mvc.perform(post("/api/v1/users")
                            .header("Authorization", "Bearer " + adminToken)
                            .contentType(MediaType.APPLICATION_JSON)
                            .characterEncoding(StandardCharsets.UTF_8)
                            .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                    .andExpect(status().isCreated());

            assertThat(jdbc.queryForObject(
                            "select password_hash from portal_user where username = ?", String.class, username))
                    .startsWith("{pbkdf2@SpringSecurity_v5_8}");
            assertThat(accounts.passwordMatches(username, password)).isTrue();
            // Same first 72 bytes, different end: BCrypt would say "matches".
            String sameStart = password.substring(0, password.length() - 2) + "!!";
            assertThat(accounts.passwordMatches(username, sameStart)).isFalse();
        }
    }

    @Test
    void passwordsOutsideThePolicyAreAClear400() throws Exception {
        for (String password : List.of("short", "x".repeat(PasswordPolicy.MAX_LENGTH + 1), "")) {
            mvc.perform(post("/api/v1/users")
                            .header("Authorization", "Bearer " + adminToken)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"username\":\"" + TestData.uniqueKey("badpw") + "\",\"password\":\"" + password
                                    + "\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("password"))
                    .andExpect(jsonPath("$.errors[0].message").value(PasswordPolicy.MESSAGE));
        }
    }

    @Test
    void theFirstAdminPathAndTheFacadeApplyThePolicyWithoutRequestValidation() {
        // InitialAdminAccount (PORTAL_ADMIN_PASSWORD) and the demo data create users through the façade directly.
        assertThatThrownBy(() -> accounts.create(new NewUser(
                        TestData.uniqueKey("first"),
                        "First",
                        "too-short",
                        List.of(new RoleGrantDefinition(Role.ADMIN, null)))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(PasswordPolicy.MESSAGE);
        String username = TestData.uniqueKey("first");
        accounts.create(new NewUser(username, "First", EMOJI, List.of(new RoleGrantDefinition(Role.ADMIN, null))));
        assertThat(accounts.passwordMatches(username, EMOJI)).isTrue();
    }

    @Test
    void theAdminFormAcceptsLongPasswordsAndRefusesShortOnes() throws Exception {
        String username = TestData.uniqueKey("formpw");
        mvc.perform(post("/admin/users")
                        .with(user("form-admin").roles("ADMIN"))
                        .with(csrf())
                        .param("username", username)
                        .param("password", LONG))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/users"));
        assertThat(accounts.passwordMatches(username, LONG)).isTrue();
        mvc.perform(post("/admin/users/" + username)
                        .with(user("form-admin").roles("ADMIN"))
                        .with(csrf())
                        .param("enabled", "true")
                        .param("password", "x".repeat(PasswordPolicy.MAX_LENGTH + 1)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString(PasswordPolicy.MESSAGE)));
        assertThat(accounts.passwordMatches(username, LONG)).isTrue();
    }

    @Test
    void aLegacyBcryptHashStillVerifiesAndIsRehashedAtSignIn() throws Exception {
        String username = data.user(TestData.uniqueKey("legacy"));
        jdbc.update(
                "update portal_user set password_hash = ? where username = ?",
                "{bcrypt}" + new BCryptPasswordEncoder().encode(TestData.PASSWORD),
                username);

        mvc.perform(formLogin("/login").user(username).password(TestData.PASSWORD))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"));

        assertThat(jdbc.queryForObject(
                        "select password_hash from portal_user where username = ?", String.class, username))
                .startsWith("{pbkdf2@SpringSecurity_v5_8}");
        assertThat(accounts.passwordMatches(username, TestData.PASSWORD)).isTrue();
    }
}
