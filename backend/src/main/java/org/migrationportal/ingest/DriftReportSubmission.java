package org.migrationportal.ingest;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.migrationportal.shared.Slugs;

/** Body of {@code POST /api/v1/drift-reports}: an environment's live schema compared with its migrations. */
@Schema(description = "A drift check of an environment's live schema.")
public record DriftReportSubmission(
        @Schema(example = "dylen-engine") @NotBlank @Pattern(regexp = Slugs.REGEX, message = Slugs.MESSAGE)
        String project,

        @Schema(example = "prod") @NotBlank @Pattern(regexp = Slugs.REGEX, message = Slugs.MESSAGE)
        String environment,

        @Schema(example = "2026-11-22T03:00:00Z") @NotNull @IsoTimestamp
        String checkedAt,

        @Schema(example = "true") @NotNull Boolean drifted,

        @Schema(example = "+ index ix_lessons_created_at (not in migrations)") @Size(max = 200000)
        String diff) {}
