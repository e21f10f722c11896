package org.migrationportal.identity;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The operator's seed admin token from {@code PORTAL_BOOTSTRAP_ADMIN_TOKEN}, so automation can set a new
 * portal up before any user or token exists. Only its SHA-256 is kept, in memory; it is never stored.
 *
 * <p>It is a setup tool, not a standing credential: once an enabled admin user exists it is refused
 * (401), unless the operator keeps it on purpose with {@code portal.bootstrap-admin-token-keep=true}. Every
 * request that presents it is audited, accepted ({@code bootstrap-token.used}) or refused
 * ({@code bootstrap-token.refused}), with method and path.
 */
@Component
class BootstrapAdminToken {

    static final int MIN_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdminToken.class);

    /** What a presented bearer value is, as far as the bootstrap token is concerned. */
    enum Outcome {
        NOT_BOOTSTRAP,
        ACCEPTED,
        RETIRED
    }

    static final ApiTokenPrincipal PRINCIPAL = new ApiTokenPrincipal(
            null,
            "bootstrap",
            "bootstrap-admin",
            ApiTokenKind.BOOTSTRAP,
            null,
            null,
            Set.of(TokenScope.READ),
            Set.of(),
            false);

    private final String sha256;
    private final boolean keep;
    private final PortalUserRepository users;
    private final AuditTrail auditTrail;

    BootstrapAdminToken(
            @Value("${portal.bootstrap-admin-token:}") String token,
            @Value("${portal.bootstrap-admin-token-keep:false}") boolean keep,
            PortalUserRepository users,
            AuditTrail auditTrail) {
        if (token != null && !token.isBlank() && token.length() < MIN_LENGTH) {
            throw new IllegalStateException(
                    "PORTAL_BOOTSTRAP_ADMIN_TOKEN must be at least " + MIN_LENGTH + " characters");
        }
        this.sha256 = token == null || token.isBlank() ? null : TokenFormat.sha256(token);
        this.keep = keep;
        this.users = users;
        this.auditTrail = auditTrail;
    }

    /** Decides whether {@code presented} is the bootstrap token and whether it is still accepted; audits every use. */
    Outcome check(String presented, String method, String path) {
        if (sha256 == null || presented == null || !TokenFormat.sameDigest(sha256, TokenFormat.sha256(presented))) {
            return Outcome.NOT_BOOTSTRAP;
        }
        boolean retired = !keep && users.anyEnabledUserWith(Role.ADMIN);
        auditTrail.recordStandalone(AuditRecord.of(retired ? "bootstrap-token.refused" : "bootstrap-token.used")
                .by(PRINCIPAL.auditName(), PRINCIPAL.auditActorType())
                .details(Map.of("method", method, "path", abbreviate(path), "kept", keep)));
        return retired ? Outcome.RETIRED : Outcome.ACCEPTED;
    }

    Optional<ApiTokenPrincipal> principal() {
        return Optional.of(PRINCIPAL);
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhenRetired() {
        if (sha256 != null && !keep && users.anyEnabledUserWith(Role.ADMIN)) {
            log.warn("PORTAL_BOOTSTRAP_ADMIN_TOKEN is set but refused: an admin user exists. Remove it from the "
                    + "configuration (or set PORTAL_BOOTSTRAP_ADMIN_TOKEN_KEEP=true to keep it on purpose).");
        }
    }

    private static String abbreviate(String path) {
        return path == null || path.length() <= 200 ? String.valueOf(path) : path.substring(0, 200) + "…";
    }
}
