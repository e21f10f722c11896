package org.migrationportal.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a token may do. Each scope is a Spring Security authority {@code SCOPE_<value>}. Project tokens (pipelines)
 * carry the first five; personal tokens (people) carry {@code read} and the last three, on top of which their
 * user's roles still decide (docs/api.md, "Tokens and scopes").
 */
public enum TokenScope {
    CI_WRITE("ci:write", true, false),
    DEPLOY_WRITE("deploy:write", true, false),
    BACKUP_WRITE("backup:write", true, false),
    GATE_READ("gate:read", true, false),
    /** Project tokens: read their project's evidence; personal tokens: every GET their user's roles allow. */
    READ("read", true, true),
    /** Personal tokens: open approval requests. */
    APPROVALS_REQUEST("approvals:request", false, true),
    /** Personal tokens: decide approval requests; only issued right after the user confirmed their password. */
    APPROVALS_DECIDE("approvals:decide", false, true),
    /** Personal tokens of admins: the admin API (projects, environments, users, tokens, policies). */
    ADMIN("admin", false, true);

    private final String value;
    private final boolean forProjectTokens;
    private final boolean forPersonalTokens;

    TokenScope(String value, boolean forProjectTokens, boolean forPersonalTokens) {
        this.value = value;
        this.forProjectTokens = forProjectTokens;
        this.forPersonalTokens = forPersonalTokens;
    }

    public String value() {
        return value;
    }

    public String authority() {
        return "SCOPE_" + value;
    }

    public boolean forProjectTokens() {
        return forProjectTokens;
    }

    public boolean forPersonalTokens() {
        return forPersonalTokens;
    }

    public static List<TokenScope> projectScopes() {
        return Arrays.stream(values()).filter(TokenScope::forProjectTokens).toList();
    }

    public static List<TokenScope> personalScopes() {
        return Arrays.stream(values()).filter(TokenScope::forPersonalTokens).toList();
    }

    public static Optional<TokenScope> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
