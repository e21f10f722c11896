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
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.shared.ConflictException;
import org.migrationportal.shared.FieldProblem;
import org.migrationportal.shared.InvalidRequestException;
import org.migrationportal.shared.NotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The façade for people: create users, grant roles, enable or disable, change passwords. */
@Service
@Transactional(readOnly = true)
public class UserAccounts {

    public static final String USERNAME_REGEX = "[a-z0-9][a-z0-9._-]{1,63}";
    public static final String USERNAME_MESSAGE =
            "must be 2 to 64 characters: lowercase letters, digits, dot, underscore, hyphen";
    public static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH;

    private final PortalUserRepository users;
    private final ProjectCatalog projects;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail auditTrail;
    private final Clock clock;

    private final ApiTokenAuthenticator tokenAuthenticator;
    private final SignedInSessions sessions;

    UserAccounts(
            PortalUserRepository users,
            ProjectCatalog projects,
            PasswordEncoder passwordEncoder,
            AuditTrail auditTrail,
            Clock clock,
            ApiTokenAuthenticator tokenAuthenticator,
            SignedInSessions sessions) {
        this.tokenAuthenticator = tokenAuthenticator;
        this.sessions = sessions;
        this.users = users;
        this.projects = projects;
        this.passwordEncoder = passwordEncoder;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    public boolean anyUserExists() {
        return users.count() > 0;
    }

    public List<UserView> list() {
        Map<Long, String> projectKeys = projectKeysById();
        return users.findAllWithGrants().stream().map(u -> view(u, projectKeys)).toList();
    }

    public Optional<UserView> find(String username) {
        return users.findByUsername(username).map(u -> view(u, projectKeysById()));
    }

    public UserView get(String username) {
        return find(username).orElseThrow(() -> new NotFoundException("No user '" + username + "'."));
    }

    @Transactional
    public UserView create(NewUser command) {
        // Here, not only in the request's validation: the first-admin account and the demo data come this way too.
        PasswordPolicy.problem(command.password()).ifPresent(problem -> {
            throw new InvalidRequestException("password", problem);
        });
        if (users.existsByUsername(command.username())) {
            throw new ConflictException("username", "A user named '" + command.username() + "' already exists.");
        }
        PortalUser user = new PortalUser(
                command.username(),
                blankToNull(command.displayName()),
                passwordEncoder.encode(command.password()),
                clock.instant());
        user.replaceGrants(resolveGrants(user, command.roles()));
        try {
            users.saveAndFlush(user);
        } catch (DataIntegrityViolationException raced) {
            throw new ConflictException("username", "A user named '" + command.username() + "' already exists.");
        }
        Map<Long, String> projectKeys = projectKeysById();
        auditTrail.record(AuditRecord.of("user.created")
                .target("user", user.username())
                .details(Map.of("roles", describe(user, projectKeys))));
        return view(user, projectKeys);
    }

    /**
     * Changes a user's name, roles and whether they may sign in. Disabling the user or taking a role away ends
     * their signed-in sessions (they sign in again with what is left); only adding roles keeps them, and the
     * new roles apply from the next sign-in. Personal tokens read the user's roles on every request.
     */
    @Transactional
    public UserView update(String username, String displayName, boolean enabled, List<RoleGrantDefinition> roles) {
        PortalUser user = load(username);
        Map<Long, String> projectKeys = projectKeysById();
        List<String> before = describe(user, projectKeys);
        boolean wasEnabled = user.enabled();
        user.rename(blankToNull(displayName));
        user.enable(enabled);
        user.replaceGrants(resolveGrants(user, roles));
        users.flush();
        List<String> after = describe(user, projectKeys);
        if ((wasEnabled && !enabled) || !after.containsAll(before)) {
            sessions.endAll(username);
        }
        auditTrail.record(AuditRecord.of("user.updated")
                .target("user", username)
                .details(Map.of("enabled", enabled, "rolesBefore", before, "rolesAfter", after)));
        tokenAuthenticator.forget(principal -> username.equals(principal.username()));
        return view(user, projectKeys);
    }

    /** The user changes their own password: every other session of theirs ends, the one they used stays. */
    @Transactional
    public void changePassword(String username, String currentPassword, String newPassword, String keptSessionId) {
        PortalUser user = load(username);
        if (!passwordEncoder.matches(currentPassword, user.passwordHash())) {
            throw new InvalidRequestException("currentPassword", "does not match your current password");
        }
        setPassword(user, newPassword);
        auditTrail.record(AuditRecord.of("user.password-changed").target("user", username));
        sessions.endAllExcept(username, keptSessionId);
    }

    /** An admin sets a user's password: every session of the user ends. */
    @Transactional
    public void resetPassword(String username, String newPassword) {
        PortalUser user = load(username);
        setPassword(user, newPassword);
        auditTrail.record(AuditRecord.of("user.password-reset").target("user", username));
        sessions.endAll(username);
    }

    /** Checks a password without signing in: used to confirm identity before sensitive decisions. */
    public boolean passwordMatches(String username, String password) {
        return users.findByUsername(username)
                .filter(PortalUser::enabled)
                .map(u -> passwordEncoder.matches(password, u.passwordHash()))
                .orElse(false);
    }

    @Transactional
    void markLoggedIn(String username) {
        users.markLoggedIn(username, clock.instant());
    }

    Optional<PortalUser> loadForSignIn(String username) {
        return users.findByUsername(username);
    }

    Long idOf(String username) {
        return load(username).id();
    }

    private void setPassword(PortalUser user, String newPassword) {
        PasswordPolicy.problem(newPassword).ifPresent(problem -> {
            throw new InvalidRequestException("newPassword", problem);
        });
        user.changePassword(passwordEncoder.encode(newPassword));
    }

    private List<RoleGrant> resolveGrants(PortalUser user, List<RoleGrantDefinition> roles) {
        List<FieldProblem> problems = new ArrayList<>();
        List<RoleGrant> grants = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < roles.size(); i++) {
            RoleGrantDefinition grant = roles.get(i);
            String field = "roles[" + i + "]";
            if (grant.role() == null) {
                problems.add(new FieldProblem(field + ".role", "must be one of VIEWER, APPROVER, AUDITOR, ADMIN"));
                continue;
            }
            Long projectId = null;
            if (grant.role().perProject()) {
                if (grant.project() == null) {
                    problems.add(new FieldProblem(field + ".project", "is required for " + grant.role()));
                    continue;
                }
                Optional<ProjectView> project = projects.find(grant.project());
                if (project.isEmpty()) {
                    problems.add(new FieldProblem(field + ".project", "names no project"));
                    continue;
                }
                projectId = project.get().id();
            } else if (grant.project() != null) {
                problems.add(
                        new FieldProblem(field + ".project", "must be empty: " + grant.role() + " is a global role"));
                continue;
            }
            if (seen.add(grant.role() + "/" + projectId)) {
                grants.add(new RoleGrant(user, grant.role(), projectId));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return grants;
    }

    private PortalUser load(String username) {
        return users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user '" + username + "'."));
    }

    private Map<Long, String> projectKeysById() {
        return projects.list(true).stream().collect(Collectors.toMap(ProjectView::id, ProjectView::key));
    }

    private static List<String> describe(PortalUser user, Map<Long, String> projectKeys) {
        return user.grants().stream()
                .map(g -> g.projectId() == null ? g.role().name() : g.role() + ":" + projectKeys.get(g.projectId()))
                .sorted()
                .toList();
    }

    static UserView view(PortalUser user, Map<Long, String> projectKeys) {
        return new UserView(
                user.id(),
                user.username(),
                user.displayName(),
                user.enabled(),
                user.createdAt(),
                user.lastLoginAt(),
                user.grants().stream()
                        .map(g -> new RoleGrantView(
                                g.role(), g.projectId() == null ? null : projectKeys.get(g.projectId())))
                        .sorted(java.util.Comparator.comparing(
                                        (RoleGrantView r) -> r.role().ordinal())
                                .thenComparing(r -> r.project() == null ? "" : r.project()))
                        .toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
