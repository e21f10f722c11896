package org.migrationportal.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;

/**
 * The scope a personal token needs for a request, on top of the user's roles. Reads need {@code read};
 * the few writes a person makes outside admin work have their own scope; every other write is admin work.
 * A write endpoint that is neither needs {@code admin} until it gets its own row here (fail closed).
 */
final class PersonalTokenScopes {

    private static final Pattern DECISIONS = Pattern.compile("/api/v1/approvals/[^/]+/decisions");

    private PersonalTokenScopes() {}

    static TokenScope requiredFor(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return requiredFor(request.getMethod(), path);
    }

    static TokenScope requiredFor(String method, String path) {
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return TokenScope.READ;
        }
        if ("POST".equals(method)) {
            if ("/api/v1/audit/verify".equals(path)) {
                return TokenScope.READ; // verifies against checkpoints in the body, changes nothing
            }
            if ("/api/v1/approvals".equals(path)) {
                return TokenScope.APPROVALS_REQUEST;
            }
            if (DECISIONS.matcher(path).matches()) {
                return TokenScope.APPROVALS_DECIDE;
            }
        }
        return TokenScope.ADMIN;
    }
}
