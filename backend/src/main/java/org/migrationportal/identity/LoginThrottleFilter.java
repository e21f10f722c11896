package org.migrationportal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code POST /login} before any password is checked. A username or password longer than any account
 * can have is turned away first, with the same answer as a wrong password and without reaching the throttle
 * or the audit trail (a megabyte-long username must not become a megabyte-long, undeletable audit entry).
 * Then attempts the throttle says must wait are turned away; they are audited but not counted, so a client
 * retrying during its wait does not lengthen it.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    /** The longest username an account can have ({@link UserAccounts#USERNAME_REGEX}). */
    static final int MAX_USERNAME_LENGTH = 64;

    private static final Logger log = LoggerFactory.getLogger(LoginThrottleFilter.class);

    private final LoginThrottle throttle;
    private final AuditTrail auditTrail;
    private final AtomicBoolean warnedAboutForwardedFor = new AtomicBoolean();

    LoginThrottleFilter(LoginThrottle throttle, AuditTrail auditTrail) {
        this.throttle = throttle;
        this.auditTrail = auditTrail;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        if ((username != null && username.length() > MAX_USERNAME_LENGTH)
                || (password != null && PasswordPolicy.tooLong(password))) {
            response.sendRedirect(request.getContextPath() + "/login?error");
            return;
        }
        warnIfForwardedForIsIgnored(request);
        Duration wait = throttle.waitBeforeAttempt(username, request.getRemoteAddr());
        if (wait.isZero()) {
            chain.doFilter(request, response);
            return;
        }
        auditTrail.recordStandalone(AuditRecord.of("login.throttled")
                .bySystem("login-throttle")
                .details(Map.of("username", String.valueOf(username), "waitSeconds", wait.toSeconds())));
        response.sendRedirect(request.getContextPath() + "/login?throttled");
    }

    /**
     * Tomcat's RemoteIpValve ({@code server.forward-headers-strategy=native}) and Spring's ForwardedHeaderFilter
     * ({@code framework}) both consume the header they apply. Still seeing it means every client behind the proxy
     * shares the proxy's address for the throttle: say so once.
     */
    private void warnIfForwardedForIsIgnored(HttpServletRequest request) {
        if (request.getHeader("X-Forwarded-For") != null && warnedAboutForwardedFor.compareAndSet(false, true)) {
            log.warn(
                    "A sign-in request from {} carries X-Forwarded-For, which was not applied: the sign-in throttle "
                            + "sees every client behind that proxy as one address. Behind a reverse proxy set "
                            + "PORTAL_FORWARD_HEADERS=native and server.tomcat.remoteip.internal-proxies to the "
                            + "proxy's address (docs/operations.md).",
                    request.getRemoteAddr());
        }
    }
}
