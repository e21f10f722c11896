package org.migrationportal.identity;

import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The operator's seed admin token from {@code PORTAL_BOOTSTRAP_ADMIN_TOKEN}, so automation can set a new
 * portal up before any user or token exists. Only its SHA-256 is kept, in memory; it is never stored.
 */
@Component
class BootstrapAdminToken {

    static final int MIN_LENGTH = 32;

    private final String sha256;

    BootstrapAdminToken(@Value("${portal.bootstrap-admin-token:}") String token) {
        if (token != null && !token.isBlank() && token.length() < MIN_LENGTH) {
            throw new IllegalStateException(
                    "PORTAL_BOOTSTRAP_ADMIN_TOKEN must be at least " + MIN_LENGTH + " characters");
        }
        this.sha256 = token == null || token.isBlank() ? null : TokenFormat.sha256(token);
    }

    Optional<ApiTokenPrincipal> authenticate(String presented) {
        if (sha256 == null || presented == null || !TokenFormat.sameDigest(sha256, TokenFormat.sha256(presented))) {
            return Optional.empty();
        }
        return Optional.of(new ApiTokenPrincipal(
                null,
                "bootstrap",
                "bootstrap-admin",
                ApiTokenKind.BOOTSTRAP,
                null,
                null,
                Set.of(TokenScope.READ),
                Set.of()));
    }
}
