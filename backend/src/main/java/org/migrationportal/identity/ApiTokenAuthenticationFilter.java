package org.migrationportal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests from {@code Authorization: Bearer <token>}. A request without the header
 * goes on anonymously (and is refused with 401 by the entry point where authentication is required);
 * a header with an unknown, revoked or expired token is refused here with 401.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokenAuthenticator tokens;
    private final BootstrapAdminToken bootstrapAdminToken;
    private final PortalUserDetailsService userDetails;

    ApiTokenAuthenticationFilter(
            ApiTokenAuthenticator tokens,
            BootstrapAdminToken bootstrapAdminToken,
            PortalUserDetailsService userDetails) {
        this.tokens = tokens;
        this.bootstrapAdminToken = bootstrapAdminToken;
        this.userDetails = userDetails;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            unauthorized(request, response, "Use 'Authorization: Bearer <token>'.");
            return;
        }
        String presented = header.substring(BEARER.length()).strip();
        Optional<ApiTokenPrincipal> principal;
        switch (bootstrapAdminToken.check(presented, request.getMethod(), request.getRequestURI())) {
            case ACCEPTED -> principal = bootstrapAdminToken.principal();
            case RETIRED -> {
                unauthorized(
                        request,
                        response,
                        "The bootstrap admin token is no longer accepted: an admin user exists. Use a personal token.");
                return;
            }
            default -> principal = tokens.authenticate(presented);
        }
        if (principal.isEmpty()) {
            unauthorized(request, response, "The token is unknown, revoked or expired.");
            return;
        }
        List<GrantedAuthority> authorities;
        try {
            authorities = authoritiesOf(principal.get());
        } catch (UsernameNotFoundException gone) {
            unauthorized(request, response, "The token's user no longer exists or is disabled.");
            return;
        }
        if (principal.get().kind() == ApiTokenKind.PERSONAL) {
            TokenScope needed = PersonalTokenScopes.requiredFor(request);
            if (!principal.get().has(needed)) {
                ApiProblemResponses.write(
                        request,
                        response,
                        403,
                        "insufficient-scope",
                        "Insufficient scope",
                        "This personal token lacks the '" + needed.value() + "' scope that " + request.getMethod() + " "
                                + request.getRequestURI() + " needs. Issue one with it on your profile page.");
                return;
            }
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(principal.get(), authorities));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private List<GrantedAuthority> authoritiesOf(ApiTokenPrincipal principal) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        principal.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
        switch (principal.kind()) {
            case BOOTSTRAP -> authorities.add(new SimpleGrantedAuthority(Role.ADMIN.authority()));
            case PERSONAL -> {
                // Read on every request (the token cache holds the token, never the user): a user disabled or
                // demoted a moment ago on any instance has already lost what the token lent them.
                UserDetails user = userDetails.loadUserByUsername(principal.username());
                if (!user.isEnabled()) {
                    throw new UsernameNotFoundException("disabled");
                }
                boolean adminScope = principal.has(TokenScope.ADMIN);
                for (GrantedAuthority authority : user.getAuthorities()) {
                    // Without the admin scope an admin's token reaches what an auditor's does: reads, no admin work.
                    boolean admin = Role.ADMIN.authority().equals(authority.getAuthority());
                    authorities.add(
                            admin && !adminScope ? new SimpleGrantedAuthority(Role.AUDITOR.authority()) : authority);
                }
            }
            case PROJECT -> {}
        }
        return authorities;
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        ApiProblemResponses.write(request, response, 401, "unauthorized", "Authentication required", detail);
    }
}
