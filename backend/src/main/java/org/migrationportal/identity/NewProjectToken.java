package org.migrationportal.identity;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.migrationportal.shared.Slugs;

/** Body of {@code POST /api/v1/projects/{key}/tokens}; empty {@code environments} means every environment. */
public record NewProjectToken(
        @NotBlank @Size(max = 100) String name,

        @NotEmpty @Size(max = 5)
        List<
                        @Pattern(
                                regexp = "ci:write|deploy:write|backup:write|gate:read|read",
                                message = "must be one of ci:write, deploy:write, backup:write, gate:read, read")
                        String>
                scopes,

        @Size(max = 20) List<@Pattern(regexp = Slugs.REGEX, message = Slugs.MESSAGE) String> environments,
        @Future Instant expiresAt) {

    public NewProjectToken {
        environments = environments == null ? List.of() : environments;
    }
}
