package org.migrationportal.support;

import java.util.List;
import java.util.UUID;
import org.migrationportal.identity.ApiTokens;
import org.migrationportal.identity.NewProjectToken;
import org.migrationportal.identity.NewUser;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.identity.UserAccounts;
import org.migrationportal.projects.EnvironmentDefinition;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectDefinition;
import org.migrationportal.projects.ProjectView;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Builds test fixtures through the real façades, as an admin would. */
@TestComponent
public class TestData {

    public static final String PASSWORD = "correct-horse-battery";

    private final ProjectCatalog projects;
    private final UserAccounts accounts;
    private final ApiTokens tokens;

    TestData(ProjectCatalog projects, UserAccounts accounts, ApiTokens tokens) {
        this.projects = projects;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /** A key no other test uses, e.g. {@code shop-3f9a1c2b}. */
    public static String uniqueKey(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A project with dev, staging and prod (prod is production, verified by staging). */
    public ProjectView project(String key) {
        return asAdmin(() -> projects.create(new ProjectDefinition(
                key,
                "Project " + key,
                "alembic",
                "https://git.example.org/" + key,
                "main",
                List.of(
                        new EnvironmentDefinition("dev", "Development", 1, false, null),
                        new EnvironmentDefinition("staging", "Staging", 2, false, null),
                        new EnvironmentDefinition("prod", "Production", 3, true, "staging")))));
    }

    public String user(String username, RoleGrantDefinition... roles) {
        asAdmin(() -> accounts.create(new NewUser(username, username, PASSWORD, List.of(roles))));
        return username;
    }

    public String admin(String username) {
        return user(username, new RoleGrantDefinition(Role.ADMIN, null));
    }

    /** Issues a project token and returns its secret value. Empty environments: valid everywhere. */
    public String projectToken(String projectKey, List<String> scopes, List<String> environments) {
        return asAdmin(() -> tokens.issueProjectToken(
                        projectKey,
                        new NewProjectToken(
                                "test-" + UUID.randomUUID().toString().substring(0, 6), scopes, environments, null))
                .token());
    }

    /**
     * A personal token with every scope its user may have (admin only for admins), issued right after a
     * password confirmation, so it may also decide approvals.
     */
    public String personalToken(String username) {
        boolean admin = accounts.get(username).has(Role.ADMIN);
        List<String> scopes = admin
                ? List.of("read", "approvals:request", "approvals:decide", "admin")
                : List.of("read", "approvals:request", "approvals:decide");
        return personalToken(username, java.time.Instant.now(), scopes.toArray(String[]::new));
    }

    /** A personal token with exactly these scopes; {@code passwordConfirmedAt} null: issued without a recent password. */
    public String personalToken(String username, java.time.Instant passwordConfirmedAt, String... scopes) {
        return asAdmin(() -> tokens.issuePersonalToken(
                        username,
                        new org.migrationportal.identity.NewPersonalToken("test", List.of(scopes), null),
                        passwordConfirmedAt)
                .token());
    }

    private static <T> T asAdmin(java.util.function.Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(
                "test-admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
