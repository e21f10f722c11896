package org.migrationportal.identity;

import java.time.Clock;
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
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The façade for API tokens: issue (shown once), list, revoke, and authenticate a presented bearer token. */
@Service
@Transactional(readOnly = true)
public class ApiTokens {

    private final ApiTokenRepository tokens;
    private final PortalUserRepository users;
    private final ProjectCatalog projects;
    private final AuditTrail auditTrail;
    private final Clock clock;
    private final ApiTokenAuthenticator authenticator;

    ApiTokens(
            ApiTokenRepository tokens,
            PortalUserRepository users,
            ProjectCatalog projects,
            AuditTrail auditTrail,
            Clock clock,
            ApiTokenAuthenticator authenticator) {
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
                request.expiresAt()));
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

    @Transactional
    public IssuedToken issuePersonalToken(String username, NewPersonalToken request) {
        PortalUser user =
                users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user '" + username + "'."));
        TokenFormat.Minted minted = TokenFormat.mint();
        ApiToken token = tokens.save(new ApiToken(
                minted.publicId(),
                minted.secretSha256(),
                request.name().strip(),
                ApiTokenKind.PERSONAL,
                null,
                user.id(),
                Set.of(TokenScope.READ),
                Set.of(),
                username,
                clock.instant(),
                request.expiresAt()));
        auditTrail.record(AuditRecord.of("token.created")
                .target("api-token", minted.publicId())
                .details(Map.of(
                        "name",
                        token.name(),
                        "owner",
                        username,
                        "kind",
                        "personal",
                        "expiresAt",
                        String.valueOf(request.expiresAt()))));
        return new IssuedToken(token.id(), minted.token(), view(token, Map.of(), Map.of(user.id(), username)));
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
