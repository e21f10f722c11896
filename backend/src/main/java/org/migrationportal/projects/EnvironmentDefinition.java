package org.migrationportal.projects;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.migrationportal.shared.Slugs;

/** An environment as defined by an admin: key, display name, tier order, production flag, verifying environment. */
public record EnvironmentDefinition(
        @NotBlank @Pattern(regexp = Slugs.REGEX, message = Slugs.MESSAGE)
        String key,

        @Size(max = 200) String name,
        @NotNull @Min(1) @Max(1000) Integer order,
        Boolean production,

        @Pattern(regexp = Slugs.REGEX, message = Slugs.MESSAGE)
        String verifiedBy) {

    public EnvironmentDefinition {
        if (name == null || name.isBlank()) {
            name = key;
        }
        production = Boolean.TRUE.equals(production);
        if (verifiedBy != null && verifiedBy.isBlank()) {
            verifiedBy = null;
        }
    }
}
