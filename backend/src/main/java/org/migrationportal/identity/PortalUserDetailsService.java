package org.migrationportal.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectView;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads a user for sign-in and for personal tokens, with every role as an authority; after a successful
 * sign-in with a password stored in an older hash format, stores the password's new hash.
 */
@Component
class PortalUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final PortalUserRepository users;
    private final ProjectCatalog projects;

    PortalUserDetailsService(PortalUserRepository users, ProjectCatalog projects) {
        this.users = users;
        this.projects = projects;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        PortalUser user =
                users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return User.withUsername(user.username())
                .password(user.passwordHash())
                .disabled(!user.enabled())
                .authorities(authoritiesOf(user))
                .build();
    }

    /** Called by Spring Security after a successful sign-in whose stored hash is not of the current kind. */
    @Override
    @Transactional
    public UserDetails updatePassword(UserDetails user, String newPassword) {
        users.findByUsername(user.getUsername()).ifPresent(stored -> stored.changePassword(newPassword));
        return User.withUserDetails(user).password(newPassword).build();
    }

    List<GrantedAuthority> authoritiesOf(PortalUser user) {
        Map<Long, String> projectKeys = user.grants().stream().anyMatch(g -> g.projectId() != null)
                ? projects.list(true).stream().collect(Collectors.toMap(ProjectView::id, ProjectView::key))
                : Map.of();
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(Role.VIEWER.authority()));
        for (RoleGrant grant : user.grants()) {
            authorities.add(new SimpleGrantedAuthority(grant.role().authority()));
            if (grant.projectId() != null && projectKeys.containsKey(grant.projectId())) {
                authorities.add(new SimpleGrantedAuthority(Role.approverOf(projectKeys.get(grant.projectId()))));
            }
        }
        return authorities.stream().distinct().toList();
    }
}
