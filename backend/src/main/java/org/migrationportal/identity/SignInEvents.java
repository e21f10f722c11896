package org.migrationportal.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Audits every password sign-in, feeds failures to the throttle and stamps the last sign-in time. */
@Component
class SignInEvents {

    private final AuditTrail auditTrail;
    private final LoginThrottle throttle;
    private final UserAccounts accounts;

    SignInEvents(AuditTrail auditTrail, LoginThrottle throttle, UserAccounts accounts) {
        this.auditTrail = auditTrail;
        this.throttle = throttle;
        this.accounts = accounts;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)) {
            return;
        }
        String username = event.getAuthentication().getName();
        throttle.recordSuccess(username, clientAddress());
        accounts.markLoggedIn(username);
        auditTrail.recordStandalone(
                AuditRecord.of("login.succeeded").by(username, "user").target("user", username));
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String username = String.valueOf(event.getAuthentication().getPrincipal());
        throttle.recordFailure(username, clientAddress());
        auditTrail.recordStandalone(AuditRecord.of("login.failed")
                .by("anonymous", "anonymous")
                .details(Map.of(
                        "username",
                        username,
                        "reason",
                        event.getException().getClass().getSimpleName())));
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
