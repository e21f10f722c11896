package org.migrationportal.ingest;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.migrationportal.shared.Slugs;

/**
 * Body of {@code POST /api/v1/deployments}: one status event of one run of migrations against an
 * environment. Later events of the same run (same provider, externalId, attempt) move its status forward.
 */
@Schema(description = "A deployment event: migrations applied (or being applied) to an environment.")
public record DeploymentSubmission(
        @Schema(example = "dylen-engine") @NotBlank @Pattern(regexp = Slugs.REGEX, message = Slugs.MESSAGE)
        String project,

        @Schema(example = "prod") @NotBlank @Pattern(regexp = Slugs.REGEX, message = Slugs.MESSAGE)
        String environment,

        @Schema(example = "github-actions") @NotBlank @Size(max = 64)
        String provider,

        @Schema(example = "9921399001") @NotBlank @Size(max = 200)
        String externalId,

        @Schema(example = "1") @NotNull @Min(1) Integer attempt,

        @Schema(example = "https://git.example.org/dylen/dylen-engine/actions/runs/9921399001")
        @Size(max = 1000)
        @Pattern(regexp = Patterns.URL, message = Patterns.URL_MESSAGE)
        String url,

        @Schema(example = "4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4")
        @NotNull
        @Pattern(regexp = Patterns.SHA, message = Patterns.SHA_MESSAGE)
        String commitSha,

        @Schema(example = "0f9e8d7c6b5a", description = "revision before the run; null for the first deployment")
        @Size(max = 128)
        String fromRevision,

        @Schema(example = "b7e1d2c3a4f5", description = "revision the run migrates to") @NotBlank @Size(max = 128)
        String toRevision,

        @Schema(
                example = "succeeded",
                allowableValues = {"started", "succeeded", "failed", "rolled_back"})
        @NotNull
        @Pattern(
                regexp = "started|succeeded|failed|rolled_back",
                message = "must be one of started, succeeded, failed, rolled_back")
        String status,

        @Schema(example = "2026-11-21T14:00:05Z") @NotNull @IsoTimestamp
        String startedAt,

        @Schema(example = "2026-11-21T14:00:41Z") @IsoTimestamp
        String finishedAt,

        @NotNull @Valid Actor actor,

        @Schema(example = "310", description = "longest lock the migrations held, in milliseconds") @PositiveOrZero
        Long maxLockMs,

        @Schema(example = "prod-2026-11-21T13-55", description = "the backup taken before the run") @Size(max = 200)
        String backupId,

        @Schema(example = "8812", description = "the deploy gate decision the pipeline acted on") @PositiveOrZero
        Long gateDecisionId) {

    @Schema(name = "DeploymentActor", description = "who ran the migrations")
    public record Actor(
            @Schema(
                    example = "pipeline",
                    allowableValues = {"pipeline", "human"})
            @NotNull
            @Pattern(regexp = "pipeline|human", message = "must be one of pipeline, human")
            String type,

            @Schema(example = "deploy-prod.yml") @Size(max = 200)
            String name) {}
}
