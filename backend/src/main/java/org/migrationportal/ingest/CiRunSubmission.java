package org.migrationportal.ingest;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.migrationportal.shared.Slugs;

/** Body of {@code POST /api/v1/ci-runs}: one run of the migration check pipeline for a commit. */
@Schema(description = "One CI run of the migration checks, with its manifest of migrations.")
public record CiRunSubmission(
        @Schema(example = "dylen-engine", description = "project key")
        @NotBlank
        @Pattern(regexp = Slugs.REGEX, message = Slugs.MESSAGE)
        String project,

        @Schema(example = "github-actions", description = "CI system that ran the checks") @NotBlank @Size(max = 64)
        String provider,

        @Schema(example = "9921345678", description = "the provider's id of the run") @NotBlank @Size(max = 200)
        String externalId,

        @Schema(example = "1", description = "re-run attempt of the same run, from 1") @NotNull @Min(1)
        Integer attempt,

        @Schema(example = "https://git.example.org/dylen/dylen-engine/actions/runs/9921345678")
        @Size(max = 1000)
        @Pattern(regexp = Patterns.URL, message = Patterns.URL_MESSAGE)
        String url,

        @Schema(example = "4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4", description = "7 to 40 hexadecimal characters")
        @NotNull
        @Pattern(regexp = Patterns.SHA, message = Patterns.SHA_MESSAGE)
        String commitSha,

        @Schema(example = "main") @NotBlank @Size(max = 200) String branch,
        @Schema(example = "412") @Positive Integer pullRequest,

        @Schema(example = "2026-11-20T09:12:03Z") @IsoTimestamp
        String startedAt,

        @Schema(example = "2026-11-20T09:18:47Z") @IsoTimestamp
        String finishedAt,

        @Schema(description = "the checks of the run; the standard four are lint, heads, smoke, drift") @Size(max = 100)
        List<@NotNull @Valid Check> checks,

        @Schema(description = "pull request reviews") @Size(max = 200)
        List<@NotNull @Valid Review> reviews,

        @Schema(description = "the manifest: every migration revision the run validated") @Size(max = 2000)
        List<@NotNull @Valid Migration> migrations,

        @Schema(
                example = "tomas",
                description = "who committed, as the CI system saw them (GITHUB_ACTOR, CI_COMMIT_AUTHOR, …); takes an"
                        + " unknown migration author's place in the self-approval check")
        @Size(max = 200)
        String commitAuthor,

        @Schema(
                example = "tomas",
                description = "who opened the pull or merge request; takes an unknown migration author's place in the"
                        + " self-approval check")
        @Size(max = 200)
        String pullRequestAuthor) {

    public CiRunSubmission {
        checks = checks == null ? List.of() : checks;
        reviews = reviews == null ? List.of() : reviews;
        migrations = migrations == null ? List.of() : migrations;
    }

    @Schema(name = "CiCheck", description = "one check of the run")
    public record Check(
            @Schema(example = "lint") @NotBlank @Size(max = 64)
            String name,

            @Schema(
                    example = "failed",
                    allowableValues = {"passed", "failed", "skipped"})
            @NotNull
            @Pattern(regexp = "passed|failed|skipped", message = "must be one of passed, failed, skipped")
            String status,

            @Schema(example = "squawk: 1 finding") @Size(max = 4000)
            String details,

            @Size(max = 20_000) List<@NotNull @Valid Finding> findings) {

        public Check {
            findings = findings == null ? List.of() : findings;
        }
    }

    @Schema(name = "CiFinding", description = "one finding of a check")
    public record Finding(
            @Schema(example = "ban-drop-column") @Size(max = 200)
            String rule,

            @Schema(example = "warning") @Size(max = 32) String severity,

            @Schema(example = "b7e1d2c3a4f5") @Size(max = 128)
            String revision,

            @Schema(example = "Dropping a column may break existing clients.") @Size(max = 4000)
            String message) {}

    @Schema(name = "CiReview", description = "one pull request review")
    public record Review(
            @Schema(example = "mira") @NotBlank @Size(max = 200)
            String reviewer,

            @Schema(
                    example = "approved",
                    allowableValues = {"approved", "changes_requested", "commented"})
            @NotNull
            @Pattern(
                    regexp = "approved|changes_requested|commented",
                    message = "must be one of approved, changes_requested, commented")
            String state,

            @Schema(example = "2026-11-20T08:55:10Z") @IsoTimestamp
            String at) {}

    @Schema(name = "ManifestMigration", description = "one migration revision in the run's manifest")
    public record Migration(
            @Schema(example = "b7e1d2c3a4f5") @NotBlank @Size(max = 128)
            String revision,

            @Schema(
                    example = "[\"a1c2e3f4b5d6\"]",
                    description = "parent revisions; several for a merge, none for the first")
            @Size(max = 20)
            List<@NotBlank @Size(max = 128) String> parents,

            @Schema(example = "drop lessons.legacy_path") @Size(max = 1000)
            String description,

            @Schema(example = "tomas") @Size(max = 200) String author,

            @Schema(
                    example = "sha256:9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d",
                    description = "content checksum")
            @NotBlank
            @Size(max = 100)
            String checksum,

            @Schema(
                    example = "lossy",
                    allowableValues = {"reversible", "lossy", "none"})
            @NotNull
            @Pattern(regexp = "reversible|lossy|none", message = "must be one of reversible, lossy, none")
            String downgrade,

            @Schema(example = "true", description = "runs inside a transaction; default true")
            Boolean transactional,

            @Schema(
                    example = "contract",
                    allowableValues = {"expand", "contract", "none"})
            @Pattern(regexp = "expand|contract|none", message = "must be one of expand, contract, none")
            String phase,

            @Schema(example = "a1c2e3f4b5d6", description = "for a contract: the expand revision it completes")
            @Size(max = 128)
            String expandRevision,

            @Size(max = 10_000) List<@NotNull @Valid Operation> operations) {

        public Migration {
            parents = parents == null ? List.of() : parents;
            operations = operations == null ? List.of() : operations;
            transactional = transactional == null ? Boolean.TRUE : transactional;
            phase = phase == null ? "none" : phase;
        }

        public boolean destructive() {
            return operations.stream().anyMatch(o -> Boolean.TRUE.equals(o.destructive()));
        }
    }

    @Schema(name = "MigrationOperation", description = "one schema change inside a migration")
    public record Operation(
            @Schema(
                    example = "drop_column",
                    description =
                            "create_table, drop_table, add_column, drop_column, alter_column_type, "
                                    + "rename_column, rename_table, create_index, drop_index, add_constraint, drop_constraint, execute_sql, …")
            @NotBlank
            @Size(max = 64)
            @Pattern(regexp = "[a-z][a-z0-9_]*", message = "must be a lowercase operation name such as drop_column")
            String type,

            @Schema(example = "lessons") @Size(max = 200) String table,

            @Schema(example = "legacy_path") @Size(max = 200)
            String column,

            @Schema(example = "false", description = "index built or dropped CONCURRENTLY")
            Boolean concurrently,

            @Schema(example = "true", description = "loses data or breaks readers")
            Boolean destructive) {

        public Operation {
            concurrently = concurrently == null ? Boolean.FALSE : concurrently;
            destructive = destructive == null ? Boolean.FALSE : destructive;
        }
    }
}
