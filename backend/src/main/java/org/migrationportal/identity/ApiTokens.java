package org.migrationportal.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.FieldProblem;
import org.migrationportal.shared.InvalidRequestException;
import org.migrationportal.shared.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The façade for API tokens: issue (shown once), list, revoke, and authenticate a presented bearer token. */
@Service
@Transactional(readOnly = true)
public class ApiTokens {

    /** A personal token with {@code approvals:decide} is issued only this soon after its user confirmed their password. */
    public static final Duration REAUTHENTICATION_WINDOW = Duration.ofMinutes(15);

    private final ApiTokenRepository tokens;
    private final PortalUserRepository users;
    private final ProjectCatalog projects;
    private final AuditTrail auditTrail;
    private final Clock clock;
    private final ApiTokenAuthenticator authenticator;
    private final Duration personalDefaultLifetime;
    private final Duration personalMaxLifetime;

    ApiTokens(
            ApiTokenRepository tokens,
            PortalUserRepository users,
            ProjectCatalog projects,
            AuditTrail auditTrail,
            Clock clock,
            ApiTokenAuthenticator authenticator,
            @Value("${portal.tokens.personal.default-lifetime:P30D}") Duration personalDefaultLifetime,
            @Value("${portal.tokens.personal.max-lifetime:P90D}") Duration personalMaxLifetime) {
        if (personalDefaultLifetime.compareTo(personalMaxLifetime) > 0) {
            throw new IllegalStateException(
                    "portal.tokens.personal.default-lifetime must not exceed portal.tokens.personal.max-lifetime");
        }
        this.personalDefaultLifetime = personalDefaultLifetime;
        this.personalMaxLifetime = personalMaxLifetime;
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.users = users;
        this.projects = projects;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @Transactional
    public IssuedToken issueProjectToken(String projectKey, NewProjectToken request) {
        ProjectView project = projects.get(projectKey);
        Set<Long> environmentIds = new HashSet<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < request.environments().size(); i++) {
            String key = request.environments().get(i);
            Optional<EnvironmentView> environment = project.environment(key);
            if (environment.isEmpty()) {
                problems.add(new FieldProblem(
                        "environments[" + i + "]", "project '" + projectKey + "' has no environment '" + key + "'"));
            } else {
                environmentIds.add(environment.get().id());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Set<TokenScope> scopes = request.scopes().stream()
                .map(TokenScope::fromValue)
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        TokenFormat.Minted minted = TokenFormat.mint();
        ApiToken token = tokens.save(new ApiToken(
                minted.publicId(),
                minted.secretSha256(),
                request.name().strip(),
                ApiTokenKind.PROJECT,
                project.id(),
                null,
                scopes,
                environmentIds,
                currentUsername(),
                clock.instant(),
                request.expiresAt(),
                null));
        auditTrail.record(AuditRecord.of("token.created")
                .project(projectKey)
                .target("api-token", minted.publicId())
                .details(Map.of(
                        "name",
                        token.name(),
                        "scopes",
                        token.scopeSet().stream()
                                .map(TokenScope::value)
                                .sorted()
                                .toList(),
                        "environments",
                        request.environments(),
                        "expiresAt",
                        String.valueOf(request.expiresAt()))));
        return new IssuedToken(token.id(), minted.token(), view(token, Map.of(project.id(), project), Map.of()));
    }

    /**
     * Issues a personal token for {@code username}. {@code passwordConfirmedAt} is when the user last typed their
     * password (sign-in or re-authentication; null if unknown): a token with {@code approvals:decide} is only
     * issued within {@link #REAUTHENTICATION_WINDOW} of it, and records it. {@code admin} is only for admins.
     * Without an expiry the token lives the default lifetime; beyond the maximum lifetime is refused.
     */
    @Transactional
    public IssuedToken issuePersonalToken(String username, NewPersonalToken request, Instant passwordConfirmedAt) {
        PortalUser user =
                users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user '" + username + "'."));
        Instant now = clock.instant();
        Set<TokenScope> scopes = new HashSet<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < request.scopes().size(); i++) {
            Optional<TokenScope> scope =
                    TokenScope.fromValue(request.scopes().get(i)).filter(TokenScope::forPersonalTokens);
            if (scope.isEmpty()) {
                problems.add(new FieldProblem(
                        "scopes[" + i + "]", "must be one of read, approvals:request, approvals:decide, admin"));
            } else if (scope.get() == TokenScope.ADMIN
                    && user.grants().stream().noneMatch(g -> g.role() == Role.ADMIN)) {
                problems.add(new FieldProblem("scopes[" + i + "]", "admin is only for admins"));
            } else {
                scopes.add(scope.get());
            }
        }
        boolean decides = scopes.contains(TokenScope.APPROVALS_DECIDE);
        if (decides && !issuedAfterReauthentication(now, passwordConfirmedAt)) {
            problems.add(new FieldProblem(
                    "password",
                    "approvals:decide needs your password confirmed in the last " + REAUTHENTICATION_WINDOW.toMinutes()
                            + " minutes"));
        }
        Instant expiresAt = request.expiresAt() == null ? now.plus(personalDefaultLifetime) : request.expiresAt();
        if (expiresAt.isAfter(now.plus(personalMaxLifetime))) {
            problems.add(new FieldProblem(
                    "expiresAt", "must be at most " + personalMaxLifetime.toDays() + " days from now"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        TokenFormat.Minted minted = TokenFormat.mint();
        ApiToken token = tokens.save(new ApiToken(
                minted.publicId(),
                minted.secretSha256(),
                request.name().strip(),
                ApiTokenKind.PERSONAL,
                null,
                user.id(),
                scopes,
                Set.of(),
                username,
                now,
                expiresAt,
                decides ? passwordConfirmedAt : null));
        auditTrail.record(AuditRecord.of("token.created")
                .target("api-token", minted.publicId())
                .details(Map.of(
                        "name",
                        token.name(),
                        "owner",
                        username,
                        "kind",
                        "personal",
                        "scopes",
                        token.scopeSet().stream()
                                .map(TokenScope::value)
                                .sorted()
                                .toList(),
                        "expiresAt",
                        String.valueOf(expiresAt))));
        return new IssuedToken(token.id(), minted.token(), view(token, Map.of(), Map.of(user.id(), username)));
    }

    /** The longest a personal token may live ({@code portal.tokens.personal.max-lifetime}). */
    public Duration personalMaxLifetime() {
        return personalMaxLifetime;
    }

    public Duration personalDefaultLifetime() {
        return personalDefaultLifetime;
    }

    /** True when a token issued at {@code issuedAt} followed a password confirmation closely enough to decide approvals. */
    static boolean issuedAfterReauthentication(Instant issuedAt, Instant passwordConfirmedAt) {
        if (issuedAt == null || passwordConfirmedAt == null || passwordConfirmedAt.isAfter(issuedAt)) {
            return false;
        }
        return Duration.between(passwordConfirmedAt, issuedAt).compareTo(REAUTHENTICATION_WINDOW) <= 0;
    }

    public List<TokenView> projectTokens(String projectKey) {
        ProjectView project = projects.get(projectKey);
        return tokens.findByProjectIdOrderByCreatedAtDesc(project.id()).stream()
                .map(t -> view(t, Map.of(project.id(), project), Map.of()))
                .toList();
    }

    public List<TokenView> personalTokens(String username) {
        PortalUser user =
                users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user '" + username + "'."));
        return tokens.findByUserIdOrderByCreatedAtDesc(user.id()).stream()
                .map(t -> view(t, Map.of(), Map.of(user.id(), username)))
                .toList();
    }

    @Transactional
    public void revokeProjectToken(String projectKey, long tokenId) {
        ProjectView project = projects.get(projectKey);
        ApiToken token = tokens.findById(tokenId)
                .filter(t -> project.id() == orZero(t.projectId()))
                .orElseThrow(() -> new NotFoundException("Project '" + projectKey + "' has no token " + tokenId + "."));
        revoke(token, projectKey);
    }

    @Transactional
    public void revokePersonalToken(String username, long tokenId) {
        PortalUser user =
                users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user '" + username + "'."));
        ApiToken token = tokens.findById(tokenId)
                .filter(t -> user.id().equals(t.userId()))
                .orElseThrow(() -> new NotFoundException("You have no token " + tokenId + "."));
        revoke(token, null);
    }

    private void revoke(ApiToken token, String projectKey) {
        if (token.revokedAt() == null) {
            token.revoke(clock.instant());
            auditTrail.record(AuditRecord.of("token.revoked")
                    .project(projectKey)
                    .target("api-token", token.publicId())
                    .details(Map.of("name", token.name())));
            authenticator.forget(principal -> principal.publicId().equals(token.publicId()));
        }
    }

    private TokenView view(ApiToken token, Map<Long, ProjectView> projectsById, Map<Long, String> usernames) {
        ProjectView project = token.projectId() == null ? null : projectsById.get(token.projectId());
        List<String> environments = project == null
                ? List.of()
                : project.environments().stream()
                        .filter(e -> token.environmentIds().contains(e.id()))
                        .map(EnvironmentView::key)
                        .toList();
        return new TokenView(
                token.id(),
                token.publicId(),
                token.name(),
                token.kind(),
                project == null ? null : project.key(),
                token.userId() == null ? null : usernames.get(token.userId()),
                token.scopeSet().stream().map(TokenScope::value).sorted().toList(),
                environments,
                token.createdBy(),
                token.createdAt(),
                token.expiresAt(),
                token.revokedAt(),
                token.lastUsedAt(),
                token.usableAt(clock.instant()));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static String currentUsername() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return "system";
        }
        if (authentication.getPrincipal() instanceof ApiTokenPrincipal caller) {
            return caller.auditName();
        }
        return authentication.getName();
    }
}
