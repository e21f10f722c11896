package org.migrationportal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.springframework.web.filter.OncePerRequestFilter;

/** Turns away sign-in attempts that the throttle says must wait, before any password is checked. */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final AuditTrail auditTrail;

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
        Duration wait = throttle.waitBeforeAttempt(username, request.getRemoteAddr());
        if (wait.isZero()) {
            chain.doFilter(request, response);
            return;
        }
        throttle.recordFailure(username, request.getRemoteAddr());
        auditTrail.recordStandalone(AuditRecord.of("login.throttled")
                .bySystem("login-throttle")
                .details(Map.of("username", String.valueOf(username), "waitSeconds", wait.toSeconds())));
        response.sendRedirect(request.getContextPath() + "/login?throttled");
    }
}
