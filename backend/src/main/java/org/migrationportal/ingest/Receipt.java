package org.migrationportal.ingest;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to an accepted post: the stored evidence's id and where to read it. {@code created} is false
 * when the post repeated one already stored (the original id is returned, nothing is stored twice).
 */
@Schema(description = "What the portal stored for a post.")
public record Receipt(
        @Schema(example = "ci-run", description = "ci-run, deployment, backup or drift-report")
        String kind,

        @Schema(example = "42") long id,
        @Schema(example = "/api/v1/ci-runs/42") String href,

        @Schema(example = "true", description = "false when this post repeated one already stored")
        boolean created,

        @Schema(example = "succeeded", description = "deployments: the run's status after this event; otherwise null")
        String status) {}
