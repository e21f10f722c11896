package org.migrationportal.identity;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A personal token acts as its user, with the user's roles. */
public record NewPersonalToken(
        @NotBlank @Size(max = 100) String name, @Future Instant expiresAt) {}
