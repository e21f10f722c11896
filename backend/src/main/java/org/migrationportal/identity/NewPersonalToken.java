package org.migrationportal.identity;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A personal token acts as its user, with the user's roles, but only within its scopes: {@code read},
 * {@code approvals:request}, {@code approvals:decide}, {@code admin} (empty means {@code read}). No
 * {@code expiresAt} means the default lifetime (30 days); later than the maximum lifetime is refused.
 */
public record NewPersonalToken(
        @NotBlank @Size(max = 100) String name,

        @Size(max = 4)
        List<
                        @Pattern(
                                regexp = "read|approvals:request|approvals:decide|admin",
                                message = "must be one of read, approvals:request, approvals:decide, admin")
                        String>
                scopes,

        @Future Instant expiresAt) {

    public NewPersonalToken {
        scopes = scopes == null || scopes.isEmpty() ? List.of(TokenScope.READ.value()) : List.copyOf(scopes);
    }
}
