package org.migrationportal.approvals;

import java.util.Set;
import org.migrationportal.identity.Role;

/**
 * Who is deciding: a username, the authorities they hold right now, and the channel ({@code ui} or {@code api}).
 */
public record Decider(String username, Set<String> authorities, String channel) {

    public Decider {
        authorities = Set.copyOf(authorities);
    }

    boolean approves(String projectKey) {
        return authorities.contains(Role.approverOf(projectKey));
    }
}
