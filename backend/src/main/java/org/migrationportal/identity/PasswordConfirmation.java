package org.migrationportal.identity;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Remembers in the session when the user last typed their password (sign-in or re-authentication),
 * so sensitive decisions can demand a recent one.
 */
@Component
public class PasswordConfirmation {

    static final String SESSION_ATTRIBUTE = "portal.passwordConfirmedAt";

    private final Clock clock;

    PasswordConfirmation(Clock clock) {
        this.clock = clock;
    }

    public void markConfirmed(HttpSession session) {
        session.setAttribute(SESSION_ATTRIBUTE, clock.instant().toEpochMilli());
    }

    /** When the user last typed their password in this session, if they did. */
    public java.util.Optional<Instant> confirmedAt(HttpSession session) {
        if (session == null || !(session.getAttribute(SESSION_ATTRIBUTE) instanceof Long millis)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Instant.ofEpochMilli(millis));
    }

    public boolean confirmedWithin(HttpSession session, Duration window) {
        if (session == null || !(session.getAttribute(SESSION_ATTRIBUTE) instanceof Long millis)) {
            return false;
        }
        return Duration.between(Instant.ofEpochMilli(millis), clock.instant()).compareTo(window) <= 0;
    }
}
