package org.migrationportal.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code POST /api/v1/users} and the command behind the admin form. */
public record NewUser(
        @NotBlank @Pattern(regexp = UserAccounts.USERNAME_REGEX, message = UserAccounts.USERNAME_MESSAGE)
        String username,

        @Size(max = 200) String displayName,

        @NotEmpty(message = PasswordPolicy.MESSAGE) @PasswordPolicy.Acceptable
        String password,

        @Valid @Size(max = 100) List<RoleGrantDefinition> roles) {

    public NewUser {
        roles = roles == null ? List.of() : roles;
    }
}
