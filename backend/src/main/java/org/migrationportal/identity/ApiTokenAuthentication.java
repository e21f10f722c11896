package org.migrationportal.identity;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/** An API request authenticated by a bearer token. */
class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final ApiTokenPrincipal principal;

    ApiTokenAuthentication(ApiTokenPrincipal principal, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ApiTokenPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.kind() == ApiTokenKind.PERSONAL ? principal.username() : principal.auditName();
    }
}
