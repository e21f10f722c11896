package org.migrationportal.ingest;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.migrationportal.shared.Slugs;

/** Body of {@code POST /api/v1/backups}: a backup of an environment's database. */
@Schema(description = "A backup of an environment's database.")
public record BackupSubmission(
        @Schema(example = "dylen-engine") @NotBlank @Pattern(regexp = Slugs.REGEX, message = Slugs.MESSAGE)
        String project,

        @Schema(example = "prod") @NotBlank @Pattern(regexp = Slugs.REGEX, message = Slugs.MESSAGE)
        String environment,

        @Schema(example = "prod-2026-11-21T13-55", description = "the backup's id, unique per environment")
        @NotBlank
        @Size(max = 200)
        String backupId,

        @Schema(example = "2026-11-21T13:55:12Z") @NotNull @IsoTimestamp
        String takenAt,

        @Schema(example = "48213377024") @PositiveOrZero Long sizeBytes,

        @Schema(example = "s3://dylen-backups/prod/2026-11-21T13-55.dump") @Size(max = 1000)
        String location,

        @Schema(example = "pg_dump") @Size(max = 64) String method,

        @Schema(
                example = "2026-11-21T13:59:40Z",
                description = "when a restore of this backup was verified; null if never")
        @IsoTimestamp
        String verifiedAt) {}
