package org.migrationportal.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.migrationportal.audit.AuditTrail;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Three filter chains: the API (stateless bearer tokens, no session, no CSRF, problem responses),
 * the actuator (health public, the rest for admins), and the pages (form sign-in, CSRF, strict CSP).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /** No inline script or style anywhere in the pages: every script and stylesheet is a file. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** The id of the hash new passwords get: PBKDF2-HMAC-SHA256, 310,000 iterations, 16-byte salt. */
    static final String PASSWORD_HASH = "pbkdf2@SpringSecurity_v5_8";

    /**
     * New passwords are hashed with PBKDF2, which reads every byte of the password: BCrypt stops at 72 bytes
     * (and Spring refuses to hash more, which answered 500 to a 100-character password). Hashes stored as
     * {@code {bcrypt}} keep verifying and are rehashed at the next successful sign-in
     * ({@link PortalUserDetailsService#updatePassword}). No other formats (no {@code {noop}}) are accepted.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(
                PASSWORD_HASH,
                java.util.Map.of(
                        PASSWORD_HASH,
                        Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                        "bcrypt",
                        new BCryptPasswordEncoder()));
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role("ADMIN")
                .implies("AUDITOR")
                .role("AUDITOR")
                .implies("VIEWER")
                .role("APPROVER")
                .implies("VIEWER")
                .build();
    }

    @Bean
    static DefaultMethodSecurityExpressionHandler methodSecurityExpressionHandler(RoleHierarchy roleHierarchy) {
        DefaultMethodSecurityExpressionHandler handler = new DefaultMethodSecurityExpressionHandler();
        handler.setRoleHierarchy(roleHierarchy);
        return handler;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(
            HttpSecurity http,
            ApiTokenAuthenticator tokens,
            BootstrapAdminToken bootstrapAdminToken,
            PortalUserDetailsService userDetails)
            throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(
                        new ApiTokenAuthenticationFilter(tokens, bootstrapAdminToken, userDetails),
                        AnonymousAuthenticationFilter.class)
                // Admin endpoints are refused before the body is even read, so a caller without the role
                // learns nothing from validation errors. Controllers check again with @PreAuthorize.
                .authorizeHttpRequests(requests -> requests
                        // The async dispatch of a streamed response (StreamingResponseBody) carries no token:
                        // the request was authorised before streaming started.
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC)
                        .permitAll()
                        // Scopes of pipeline writes, also checked before the body is read (controllers check again).
                        .requestMatchers(HttpMethod.POST, "/api/v1/ci-runs")
                        .hasAuthority(TokenScope.CI_WRITE.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/deployments")
                        .hasAuthority(TokenScope.DEPLOY_WRITE.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/backups")
                        .hasAuthority(TokenScope.BACKUP_WRITE.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/drift-reports")
                        .hasAnyAuthority(TokenScope.CI_WRITE.authority(), TokenScope.DEPLOY_WRITE.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/gate")
                        .hasAuthority(TokenScope.GATE_READ.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/audit/verify")
                        .hasRole("AUDITOR")
                        .requestMatchers(HttpMethod.POST, "/api/v1/projects/*/compliance/evaluate")
                        .hasRole("ADMIN")
                        .requestMatchers(
                                HttpMethod.PUT,
                                "/api/v1/projects/*/environments/*",
                                "/api/v1/projects/*/environments/*/policy")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/projects")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/projects/*")
                        .hasRole("ADMIN")
                        .requestMatchers(
                                "/api/v1/projects/*/environments",
                                "/api/v1/projects/*/tokens",
                                "/api/v1/projects/*/tokens/**")
                        .access(adminOrRead())
                        .requestMatchers("/api/v1/users", "/api/v1/users/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(SecurityConfiguration::apiUnauthorized)
                        .accessDeniedHandler((request, response, denied) -> ApiProblemResponses.write(
                                request, response, 403, "forbidden", "Forbidden", "This token may not do that.")));
        return http.build();
    }

    /** Environments and tokens of a project: writes are for admins; reading environments is decided by the controller. */
    private static org.springframework.security.authorization.AuthorizationManager<
                    org.springframework.security.web.access.intercept.RequestAuthorizationContext>
            adminOrRead() {
        return (authentication, context) -> {
            HttpServletRequest request = context.getRequest();
            boolean write = !HttpMethod.GET.matches(request.getMethod());
            boolean tokens = request.getRequestURI().contains("/tokens");
            if (!write && !tokens) {
                return new org.springframework.security.authorization.AuthorizationDecision(true);
            }
            boolean admin =
                    authentication.get().getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
            return new org.springframework.security.authorization.AuthorizationDecision(admin);
        };
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorChain(
            HttpSecurity http,
            ApiTokenAuthenticator tokens,
            BootstrapAdminToken bootstrapAdminToken,
            PortalUserDetailsService userDetails)
            throws Exception {
        http.securityMatcher("/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(
                        new ApiTokenAuthenticationFilter(tokens, bootstrapAdminToken, userDetails),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .anyRequest()
                        .hasRole("ADMIN"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(SecurityConfiguration::apiUnauthorized)
                        .accessDeniedHandler((request, response, denied) -> ApiProblemResponses.write(
                                request, response, 403, "forbidden", "Forbidden", "Admins only.")));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pageChain(
            HttpSecurity http, LoginThrottle throttle, AuditTrail auditTrail, PasswordConfirmation passwordConfirmation)
            throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler afterSignIn =
                new SavedRequestAwareAuthenticationSuccessHandler() {
                    @Override
                    public void onAuthenticationSuccess(
                            HttpServletRequest request,
                            jakarta.servlet.http.HttpServletResponse response,
                            org.springframework.security.core.Authentication authentication)
                            throws jakarta.servlet.ServletException, java.io.IOException {
                        passwordConfirmation.markConfirmed(request.getSession());
                        super.onAuthenticationSuccess(request, response, authentication);
                    }
                };
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/login",
                                "/css/**",
                                "/js/**",
                                "/img/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/error",
                                "/error/**",
                                "/badges/**",
                                "/downloads",
                                "/downloads/**",
                                "/v3/api-docs",
                                "/v3/api-docs.yaml",
                                "/v3/api-docs/**",
                                "/swagger-ui/**",
                                "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/audit/**")
                        .hasRole("AUDITOR")
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(afterSignIn)
                        .failureUrl("/login?error")
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .addFilterBefore(
                        new LoginThrottleFilter(throttle, auditTrail), UsernamePasswordAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(pageEntryPoint()));
        return http.build();
    }

    /** An htmx request whose session has expired gets a full-page redirect to sign-in, not a login form inside a fragment. */
    private static AuthenticationEntryPoint pageEntryPoint() {
        LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, exception) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                response.setStatus(HttpStatus.UNAUTHORIZED.value());
            } else {
                loginPage.commence(request, response, exception);
            }
        };
    }

    private static void apiUnauthorized(
            HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.core.AuthenticationException exception)
            throws java.io.IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        ApiProblemResponses.write(
                request,
                response,
                401,
                "unauthorized",
                "Authentication required",
                "Send 'Authorization: Bearer <token>' with a valid token.");
    }
}
