package org.migrationportal.identity;

import java.util.Set;
import org.migrationportal.audit.AuditedActor;

/**
 * Who is calling the API: the authenticated token. Controllers take it with
 * {@code @AuthenticationPrincipal ApiTokenPrincipal caller}.
 *
 * @param environmentKeys the environments a project token is restricted to; empty means every environment
 * @param issuedAfterReauthentication a personal token issued within {@link ApiTokens#REAUTHENTICATION_WINDOW}
 *     of its user confirming their password (what deciding approvals through the API needs)
 */
public record ApiTokenPrincipal(
        Long tokenId,
        String publicId,
        String name,
        ApiTokenKind kind,
        String projectKey,
        String username,
        Set<TokenScope> scopes,
        Set<String> environmentKeys,
        boolean issuedAfterReauthentication)
        implements AuditedActor {

    public ApiTokenPrincipal {
        scopes = Set.copyOf(scopes);
        environmentKeys = Set.copyOf(environmentKeys);
    }

    /** A project token only acts on its own project; personal and bootstrap tokens are limited by roles instead. */
    public boolean allowsProject(String key) {
        return kind != ApiTokenKind.PROJECT || projectKey.equals(key);
    }

    public boolean allowsEnvironment(String environmentKey) {
        return environmentKeys.isEmpty() || environmentKeys.contains(environmentKey);
    }

    /** True when the token was issued for named environments only, including this one (not "every environment"). */
    public boolean isRestrictedTo(String environmentKey) {
        return !environmentKeys.isEmpty() && environmentKeys.contains(environmentKey);
    }

    /** True for tokens whose reads are limited to named environments. */
    public boolean isEnvironmentRestricted() {
        return kind == ApiTokenKind.PROJECT && !environmentKeys.isEmpty();
    }

    public boolean has(TokenScope scope) {
        return scopes.contains(scope);
    }

    @Override
    public String auditName() {
        return switch (kind) {
            case PROJECT -> "token:" + name + "@" + projectKey;
            case PERSONAL -> username;
            case BOOTSTRAP -> "token:bootstrap-admin";
        };
    }

    @Override
    public String auditActorType() {
        return kind == ApiTokenKind.PERSONAL ? "user" : "token";
    }
}
