package org.migrationportal.identity.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.migrationportal.identity.PasswordPolicy;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.identity.RoleGrantView;
import org.migrationportal.identity.UserAccounts;
import org.migrationportal.identity.UserView;

/** The user form: global roles as checkboxes, APPROVER as a list of project keys. */
class UserForm {

    @NotBlank
    @Pattern(regexp = UserAccounts.USERNAME_REGEX, message = UserAccounts.USERNAME_MESSAGE)
    private String username;

    @Size(max = 200)
    private String displayName;

    /** Only on create (and for an admin's reset); blank on edit keeps the password. */
    @PasswordPolicy.Acceptable
    private String password;

    private boolean enabled = true;
    private boolean admin;
    private boolean auditor;
    private List<String> approverProjects = new ArrayList<>();

    static UserForm of(UserView user) {
        UserForm form = new UserForm();
        form.username = user.username();
        form.displayName = user.displayName();
        form.enabled = user.enabled();
        form.admin = user.has(Role.ADMIN);
        form.auditor = user.has(Role.AUDITOR);
        form.approverProjects = new ArrayList<>(user.roles().stream()
                .filter(r -> r.role() == Role.APPROVER)
                .map(RoleGrantView::project)
                .toList());
        return form;
    }

    List<RoleGrantDefinition> roles() {
        List<RoleGrantDefinition> roles = new ArrayList<>();
        if (admin) {
            roles.add(new RoleGrantDefinition(Role.ADMIN, null));
        }
        if (auditor) {
            roles.add(new RoleGrantDefinition(Role.AUDITOR, null));
        }
        approverProjects.stream()
                .filter(p -> p != null && !p.isBlank())
                .forEach(p -> roles.add(new RoleGrantDefinition(Role.APPROVER, p)));
        return roles;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username == null ? null : username.strip();
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isAdmin() {
        return admin;
    }

    public void setAdmin(boolean admin) {
        this.admin = admin;
    }

    public boolean isAuditor() {
        return auditor;
    }

    public void setAuditor(boolean auditor) {
        this.auditor = auditor;
    }

    public List<String> getApproverProjects() {
        return approverProjects;
    }

    public void setApproverProjects(List<String> approverProjects) {
        this.approverProjects = approverProjects == null ? new ArrayList<>() : approverProjects;
    }
}
