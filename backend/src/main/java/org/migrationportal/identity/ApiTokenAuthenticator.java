package org.migrationportal.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Resolves a presented bearer token on every API request, so it is kept lean: the shape and checksum are
 * checked before any database work, then one indexed query reads the token with its project or user and
 * its environments, and a constant-time SHA-256 comparison decides. No transaction, no BCrypt, no entity
 * loading; the last-used time is written at most once a minute per token, outside the request's reads.
 *
 * <p>A token that authenticated is remembered for a few seconds ({@code portal.security.token-cache-ttl},
 * default 5 s, 0 turns it off; never beyond the token's expiry), keyed by the SHA-256 of the presented value,
 * so a pipeline posting many requests costs one lookup per interval instead of one per request. Revoking a
 * token or changing its user forgets it at once on this instance ({@link #forget}); other instances, and
 * archiving a project, take effect within the interval. Failed lookups are never remembered.
 */
@Component
class ApiTokenAuthenticator {

    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /** Bounds the memory of the cache; reaching it starts the cache afresh. */
    private static final int MAX_REMEMBERED = 10_000;

    private record Remembered(ApiTokenPrincipal principal, Instant until) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration rememberFor;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    /** Moves on with every {@link #forget}: a lookup that overlapped one is not remembered. */
    private final AtomicLong generation = new AtomicLong();

    ApiTokenAuthenticator(
            JdbcClient jdbc, Clock clock, @Value("${portal.security.token-cache-ttl:PT5S}") Duration rememberFor) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rememberFor = rememberFor;
    }

    Optional<ApiTokenPrincipal> authenticate(String presented) {
        Optional<TokenFormat.Parts> parts = TokenFormat.parse(presented);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String cacheKey = rememberFor.isZero() ? null : TokenFormat.sha256(presented);
        if (cacheKey != null) {
            Remembered known = remembered.get(cacheKey);
            if (known != null && now.isBefore(known.until())) {
                return Optional.of(known.principal());
            }
        }
        long generationBefore = generation.get();
        // One row per environment the token is limited to (one row with a null key when it has none).
        Optional<StoredToken> found = jdbc.sql("""
                        select t.id, t.public_id, t.secret_sha256, t.name, t.kind, t.scopes, t.expires_at, t.revoked_at,
                               t.last_used_at, t.created_at, t.password_confirmed_at, p.project_key, p.archived, u.username, u.enabled, e.environment_key
                        from api_token t
                        left join project p on p.id = t.project_id
                        left join portal_user u on u.id = t.user_id
                        left join api_token_environment te on te.token_id = t.id
                        left join environment e on e.id = te.environment_id
                        where t.public_id = ?""")
                .param(parts.get().publicId())
                .query(ApiTokenAuthenticator::read)
                .filter(t -> TokenFormat.sameDigest(
                        t.secretSha256(), TokenFormat.sha256(parts.get().secret())))
                .filter(t -> t.usableAt(now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredToken token = found.get();
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            jdbc.sql(
                            "update api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                    .params(
                            now.atOffset(ZoneOffset.UTC),
                            token.id(),
                            now.minus(LAST_USED_RESOLUTION).atOffset(ZoneOffset.UTC))
                    .update();
        }
        Optional<ApiTokenPrincipal> principal = token.principal();
        if (cacheKey != null && principal.isPresent()) {
            remember(cacheKey, principal.get(), token.expiresAt(), now, generationBefore);
        }
        return principal;
    }

    private void remember(
            String cacheKey, ApiTokenPrincipal principal, Instant expiresAt, Instant now, long generationBefore) {
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        Instant until = now.plus(rememberFor);
        remembered.put(
                cacheKey,
                new Remembered(principal, expiresAt != null && expiresAt.isBefore(until) ? expiresAt : until));
        if (generation.get() != generationBefore) {
            remembered.remove(cacheKey); // a revocation or user change ran meanwhile: this lookup may predate it
        }
    }

    /**
     * Forgets the remembered tokens {@code which} selects, now and again once the current transaction (the
     * revocation or user change) committed, so no lookup that read the old row stays remembered.
     */
    void forget(Predicate<ApiTokenPrincipal> which) {
        generation.incrementAndGet();
        remembered.values().removeIf(known -> which.test(known.principal()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    generation.incrementAndGet();
                    remembered.values().removeIf(known -> which.test(known.principal()));
                }
            });
        }
    }

    private static Optional<StoredToken> read(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return Optional.empty();
        }
        StoredToken token = new StoredToken(
                rs.getLong("id"),
                rs.getString("public_id"),
                rs.getString("secret_sha256"),
                rs.getString("name"),
                ApiTokenKind.valueOf(rs.getString("kind")),
                rs.getString("scopes"),
                instant(rs, "expires_at"),
                instant(rs, "revoked_at"),
                instant(rs, "last_used_at"),
                instant(rs, "created_at"),
                instant(rs, "password_confirmed_at"),
                rs.getString("project_key"),
                rs.getBoolean("archived"),
                rs.getString("username"),
                rs.getBoolean("enabled"),
                new HashSet<>());
        do {
            String environment = rs.getString("environment_key");
            if (environment != null) {
                token.environmentKeys().add(environment);
            }
        } while (rs.next());
        return Optional.of(token);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** The columns authentication needs, read in one query. */
    private record StoredToken(
            long id,
            String publicId,
            String secretSha256,
            String name,
            ApiTokenKind kind,
            String scopes,
            Instant expiresAt,
            Instant revokedAt,
            Instant lastUsedAt,
            Instant createdAt,
            Instant passwordConfirmedAt,
            String projectKey,
            boolean projectArchived,
            String username,
            boolean userEnabled,
            Set<String> environmentKeys) {

        boolean usableAt(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }

        Optional<ApiTokenPrincipal> principal() {
            Set<TokenScope> scopeSet = scopes == null || scopes.isBlank()
                    ? Set.of()
                    : Arrays.stream(scopes.split(","))
                            .map(TokenScope::fromValue)
                            .flatMap(Optional::stream)
                            .collect(Collectors.toSet());
            return switch (kind) {
                case PERSONAL ->
                    userEnabled && username != null
                            ? Optional.of(new ApiTokenPrincipal(
                                    id,
                                    publicId,
                                    name,
                                    kind,
                                    null,
                                    username,
                                    scopeSet,
                                    Set.of(),
                                    ApiTokens.issuedAfterReauthentication(createdAt, passwordConfirmedAt)))
                            : Optional.empty();
                case PROJECT ->
                    projectKey != null && !projectArchived
                            ? Optional.of(new ApiTokenPrincipal(
                                    id,
                                    publicId,
                                    name,
                                    kind,
                                    projectKey,
                                    null,
                                    scopeSet,
                                    Set.copyOf(environmentKeys),
                                    false))
                            : Optional.empty();
                case BOOTSTRAP -> Optional.empty();
            };
        }
    }
}
