package org.migrationportal.identity;

import java.time.Instant;
import java.util.List;

/** A portal user as pages and the API show it (never the password hash). */
public record UserView(
        long id,
        String username,
        String displayName,
        boolean enabled,
        Instant createdAt,
        Instant lastLoginAt,
        List<RoleGrantView> roles) {

    public boolean has(Role role) {
        return roles.stream().anyMatch(r -> r.role() == role);
    }

    public boolean approves(String projectKey) {
        return roles.stream().anyMatch(r -> r.role() == Role.APPROVER && projectKey.equals(r.project()));
    }
}
