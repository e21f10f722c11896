package org.migrationportal.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.cli.ExitCodes;
import org.migrationportal.cli.portal.PortalStub;
import org.migrationportal.cli.scan.Fixtures;

class ReportCommandTests {

    private static final Map<String, String> GITHUB = Map.of(
            "PORTAL_TOKEN",
            "tok",
            "GITHUB_ACTIONS",
            "true",
            "GITHUB_RUN_ID",
            "9921345678",
            "GITHUB_RUN_ATTEMPT",
            "2",
            "GITHUB_REPOSITORY",
            "dylen/dylen-engine",
            "GITHUB_SHA",
            "4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4",
            "GITHUB_REF",
            "refs/pull/412/merge",
            "GITHUB_HEAD_REF",
            "feature/slug",
            "GITHUB_ACTOR",
            "tomas");

    @TempDir
    Path tmp;

    @Test
    void postsACiRunInTheApiShapeWithChecksLintFindingsReviewsAndManifest() throws Exception {
        Path squawk = tmp.resolve("squawk.json");
        Files.writeString(squawk, """
                [{"file":"migrations/sql/V2__drop_legacy_path.sql","line":1,"column":0,"level":"Warning",
                  "message":"Dropping a column may break existing clients.","help":null,"rule_name":"ban-drop-column",
                  "column_end":10,"line_end":1}]""");
        Path reviews = tmp.resolve("reviews.json");
        Files.writeString(
                reviews,
                "[{\"user\":{\"login\":\"mira\"},\"state\":\"APPROVED\",\"submitted_at\":\"2026-11-20T08:55:10Z\"}]");
        try (PortalStub stub =
                new PortalStub().then(503, "", Map.of("Retry-After", "0")).then(201, "{\"id\":5}")) {
            CommandRun run = CommandRun.run(
                    GITHUB,
                    "report",
                    "--portal",
                    stub.url(),
                    "--project",
                    "dylen-engine",
                    "--migrations",
                    Fixtures.path("flyway").toString(),
                    "--tool",
                    "flyway",
                    "--check",
                    "drift=passed",
                    "--check-details",
                    "drift=alembic check: clean",
                    "--check-cmd",
                    "heads=echo single head",
                    "--check-cmd",
                    "smoke=echo boom && exit 3",
                    "--lint-squawk",
                    squawk.toString(),
                    "--reviews",
                    reviews.toString(),
                    "--started-at",
                    "2026-11-20T09:12:03Z",
                    "--finished-at",
                    "2026-11-20T09:18:47Z");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(stub.requests).hasSize(2);
            assertThat(stub.requests.get(0).header("Idempotency-Key"))
                    .isEqualTo(stub.requests.get(1).header("Idempotency-Key"));

            JsonNode body = new ObjectMapper().readTree(stub.requests.get(1).body());
            assertThat(body.fieldNames())
                    .toIterable()
                    .containsExactly(
                            "project",
                            "provider",
                            "externalId",
                            "attempt",
                            "url",
                            "commitSha",
                            "branch",
                            "pullRequest",
                            "commitAuthor",
                            "startedAt",
                            "finishedAt",
                            "checks",
                            "reviews",
                            "migrations");
            assertThat(body.path("provider").asText()).isEqualTo("github-actions");
            assertThat(body.path("attempt").asInt()).isEqualTo(2);
            assertThat(body.path("pullRequest").asInt()).isEqualTo(412);
            assertThat(body.path("commitAuthor").asText()).isEqualTo("tomas");
            assertThat(body.path("branch").asText()).isEqualTo("feature/slug");
            assertThat(body.path("url").asText())
                    .isEqualTo("https://github.com/dylen/dylen-engine/actions/runs/9921345678");
            JsonNode checks = body.path("checks");
            assertThat(checks).hasSize(4);
            assertThat(checks.get(0).toString())
                    .isEqualTo("{\"name\":\"drift\",\"status\":\"passed\",\"details\":\"alembic check: clean\"}");
            assertThat(checks.get(1).path("status").asText()).isEqualTo("passed");
            assertThat(checks.get(1).path("details").asText()).isEqualTo("single head");
            assertThat(checks.get(2).path("status").asText()).isEqualTo("failed");
            assertThat(checks.get(2).path("details").asText()).isEqualTo("exit 3: boom");
            JsonNode lint = checks.get(3);
            assertThat(lint.path("status").asText()).isEqualTo("failed");
            assertThat(lint.path("details").asText()).isEqualTo("squawk: 1 finding");
            assertThat(lint.path("findings").get(0).toString())
                    .isEqualTo(
                            "{\"rule\":\"ban-drop-column\",\"severity\":"
                                    + "\"warning\",\"revision\":\"2\",\"message\":\"Dropping a column may break existing clients.\"}");
            assertThat(body.path("reviews").get(0).toString())
                    .isEqualTo("{\"reviewer\":\"mira\",\"state\":\"approved\",\"at\":\"2026-11-20T08:55:10Z\"}");
            assertThat(body.path("migrations")).hasSize(7);
            JsonNode v11 = body.path("migrations").get(1);
            assertThat(v11.fieldNames())
                    .toIterable()
                    .containsExactly(
                            "revision",
                            "parents",
                            "description",
                            "checksum",
                            "downgrade",
                            "transactional",
                            "phase",
                            "operations");
            assertThat(v11.path("operations").get(1).toString())
                    .isEqualTo(
                            "{\"type\":\"create_index\",\"table\":\"lessons\",\"column\":\"slug\",\"concurrently\":true,\"destructive\":false}");
            assertThat(body.path("migrations").get(2).path("expandRevision").asText())
                    .isEqualTo("1.1");
        }
    }

    @Test
    void failOnCheckFailureExitsSixAfterStoringTheRun() throws Exception {
        try (PortalStub stub = new PortalStub().then(201, "{}").then(201, "{}")) {
            String[] args = {
                "report", "--portal", stub.url(), "--project", "p", "--check", "smoke=failed", "--fail-on-check-failure"
            };
            assertThat(CommandRun.run(GITHUB, args).exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
            assertThat(CommandRun.run(
                                    GITHUB,
                                    "report",
                                    "--portal",
                                    stub.url(),
                                    "--project",
                                    "p",
                                    "--check",
                                    "smoke=failed")
                            .exitCode())
                    .isZero();
            assertThat(stub.requests).hasSize(2);
        }
    }

    @Test
    void badCheckStatusIsAUsageErrorAndNothingIsSent() throws Exception {
        try (PortalStub stub = new PortalStub()) {
            CommandRun run =
                    CommandRun.run(GITHUB, "report", "--portal", stub.url(), "--project", "p", "--check", "lint=green");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(stub.requests).isEmpty();
        }
    }

    @Test
    void unreachablePortalExitsFour() throws Exception {
        String url;
        try (PortalStub stub = new PortalStub()) {
            url = stub.url();
        }
        CommandRun run = CommandRun.run(
                GITHUB, "backup", "--portal", url, "--project", "p", "--environment", "prod", "--backup-id", "b1");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    }
}
