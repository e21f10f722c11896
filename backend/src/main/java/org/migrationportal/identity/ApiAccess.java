package org.migrationportal.identity;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Authorisation rules for the API that depend on which project a token belongs to. Referenced from
 * {@code @PreAuthorize("@apiAccess.mayReadProject(authentication, #key)")}, so feature modules need no
 * compile-time dependency on identity for it.
 */
@Component("apiAccess")
public class ApiAccess {

    /** Personal and bootstrap tokens read every project; a project token reads its own project with the {@code read} scope. */
    public boolean mayReadProject(Authentication caller, String projectKey) {
        if (caller == null || !caller.isAuthenticated()) {
            return false;
        }
        if (caller.getPrincipal() instanceof ApiTokenPrincipal token) {
            return switch (token.kind()) {
                case PERSONAL, BOOTSTRAP -> true;
                case PROJECT -> token.allowsProject(projectKey) && token.has(TokenScope.READ);
            };
        }
        return true;
    }

    /**
     * A project token restricted to named environments reads only those environments' evidence and status;
     * everyone else reads every environment of the projects they may read.
     */
    public boolean mayReadEnvironment(Authentication caller, String projectKey, String environmentKey) {
        if (!mayReadProject(caller, projectKey)) {
            return false;
        }
        return !(caller.getPrincipal() instanceof ApiTokenPrincipal token) || token.allowsEnvironment(environmentKey);
    }

    /** The environments the caller may read, or null when it may read every environment. */
    public java.util.Set<String> readableEnvironments(Authentication caller) {
        if (caller != null
                && caller.getPrincipal() instanceof ApiTokenPrincipal token
                && token.isEnvironmentRestricted()) {
            return token.environmentKeys();
        }
        return null;
    }
}
