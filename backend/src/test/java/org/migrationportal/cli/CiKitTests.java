package org.migrationportal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CI kit as a pipeline uses it: the GitHub action's and the GitLab component's own shell steps (read from
 * their YAML) run with bash against this portal, installing the CLI from /downloads. Each reports a CI run with
 * a destructive migration, is denied by the gate for prod with the reasons, and {@code gate --wait} turns into
 * an allow once two people approved, a backup was taken and staging ran the migration.
 */
@PortalIntegrationTest
class CiKitTests {

    static final Path ALEMBIC_HISTORY = Path.of("..", "cli", "src", "test", "resources", "fixtures", "alembic");
    static final String COMMIT = "9a8b7c6d5e4f30211234567890abcdef12345678";
    static final String REVISION = "0003cccc";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path scratch;

    /** One kind of CI: runs the kit's command with the inputs, with the given token as the CI would hold it. */
    interface Kit {
        Outcome run(String token, Map<String, String> inputs) throws Exception;
    }

    record Outcome(int exitCode, String log, Map<String, String> outputs, String summary) {}

    @Test
    void githubActionReportsIsDeniedAndWaitsForAnAllow() throws Exception {
        Path checkout = checkout();
        Map<String, String> github = new HashMap<>(Map.of(
                "GITHUB_ACTIONS", "true",
                "GITHUB_RUN_ID", "gh-" + System.nanoTime(),
                "GITHUB_RUN_ATTEMPT", "1",
                "GITHUB_REPOSITORY", "acme/shop",
                "GITHUB_SERVER_URL", "https://github.example.org",
                "GITHUB_SHA", COMMIT,
                "GITHUB_REF", "refs/heads/main",
                "GITHUB_REF_NAME", "main",
                "GITHUB_WORKFLOW", "migrations"));
        Kit kit = (token, inputs) -> {
            Map<String, String> all = new HashMap<>(inputs);
            all.put("portal-url", portal());
            all.put("token", token);
            GitHubActionRunner.Run run = new GitHubActionRunner(checkout, scratch, github).run(all);
            return new Outcome(run.exitCode(), run.log(), run.outputs(), run.summary());
        };
        Outcome report = scenario(kit, "decision", "reasons");

        assertThat(report.log())
                .contains(
                        "::warning file=migrations/versions/0003_retype_title.py,line=9,title=destructive-operation::");
        assertThat(report.summary()).contains("### Migration check reported to the portal");
        Path sarif = Path.of(report.outputs().get("sarif"));
        assertThat(JSON.readTree(sarif.toFile())
                        .path("runs")
                        .path(0)
                        .path("results")
                        .size())
                .isPositive();
    }

    @Test
    void gitlabComponentReportsIsDeniedAndWaitsForAnAllow() throws Exception {
        Path checkout = checkout();
        Map<String, String> gitlab = new HashMap<>(Map.of(
                "GITLAB_CI", "true",
                "CI_PIPELINE_ID", "gl-" + System.nanoTime(),
                "CI_PIPELINE_URL", "https://gitlab.example.org/acme/shop/-/pipelines/1",
                "CI_COMMIT_SHA", COMMIT,
                "CI_COMMIT_REF_NAME", "main",
                "CI_JOB_NAME", "portal"));
        Kit kit = (token, inputs) -> {
            Map<String, String> variables = new HashMap<>(gitlab);
            variables.put("PORTAL_TOKEN", token);
            Map<String, String> all = new HashMap<>(inputs);
            all.put("portal-url", portal());
            GitLabComponentRunner.Run run = new GitLabComponentRunner(checkout, scratch, variables).run(all);
            return new Outcome(run.exitCode(), run.log(), run.dotenv(), "");
        };
        scenario(kit, "PORTAL_DECISION", "PORTAL_REASONS");

        JsonNode codeQuality =
                JSON.readTree(checkout.resolve("gl-code-quality-report.json").toFile());
        assertThat(codeQuality.size()).isPositive();
        assertThat(Files.readString(checkout.resolve("gate-junit.xml"))).contains("<testcase");
    }

    /** The path every kit takes; returns the report's outcome for kit-specific checks. */
    Outcome scenario(Kit kit, String decisionOutput, String reasonsOutput) throws Exception {
        String project = TestData.uniqueKey("kit");
        data.project(project);
        RoleGrantDefinition approver = new RoleGrantDefinition(Role.APPROVER, project);
        String mira = data.personalToken(data.user(TestData.uniqueKey("mira"), approver));
        String zoe = data.personalToken(data.user(TestData.uniqueKey("zoe"), approver));
        String ci = data.projectToken(project, List.of("ci:write"), List.of());
        String prod = data.projectToken(project, List.of("deploy:write", "backup:write", "gate:read"), List.of("prod"));
        String staging = data.projectToken(project, List.of("deploy:write", "gate:read"), List.of("staging"));

        Outcome report = kit.run(
                ci,
                Map.of(
                        "command", "report",
                        "project", project,
                        "path", "migrations",
                        "args", "--check lint=passed --check heads=passed --check smoke=passed --check drift=passed"));
        assertThat(report.exitCode()).as(report.log()).isZero();
        assertThat(jdbc.sql("select count(*) from ci_run r join project p on p.id = r.project_id"
                                + " where p.project_key = ? and r.commit_sha = ?")
                        .params(project, COMMIT)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        Map<String, String> gate =
                Map.of("command", "gate", "project", project, "environment", "prod", "revision", REVISION);
        Outcome denied = kit.run(prod, gate);
        assertThat(denied.exitCode()).as(denied.log()).isEqualTo(3);
        assertThat(denied.outputs().get(decisionOutput)).isEqualTo("deny");
        assertThat(denied.outputs().get(reasonsOutput).split(","))
                .containsExactlyInAnyOrder("approval-missing", "backup-missing", "staging-not-verified");

        Map<String, String> waiting = new HashMap<>(gate);
        waiting.putAll(Map.of("wait", "true", "timeout", "180", "args", "--poll-interval 1"));
        CompletableFuture<Outcome> allowed = CompletableFuture.supplyAsync(() -> {
            try {
                return kit.run(prod, waiting);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        long requestId =
                await().atMost(Duration.ofSeconds(30)).until(() -> pendingRequest(mira, project), id -> id > 0);
        decide(mira, requestId);
        decide(zoe, requestId);
        Outcome backup = kit.run(
                prod,
                Map.of(
                        "command",
                        "backup",
                        "project",
                        project,
                        "environment",
                        "prod",
                        "args",
                        "--backup-id prod-" + project + " --method pg_dump"));
        assertThat(backup.exitCode()).as(backup.log()).isZero();
        Outcome stagingDeploy = kit.run(
                staging,
                Map.of("command", "deploy", "project", project, "environment", "staging", "revision", REVISION));
        assertThat(stagingDeploy.exitCode()).as(stagingDeploy.log()).isZero();

        Outcome allow = allowed.get(200, TimeUnit.SECONDS);
        assertThat(allow.exitCode()).as(allow.log()).isZero();
        assertThat(allow.outputs().get(decisionOutput)).isEqualTo("allow");
        assertThat(allow.log()).contains("waiting for");
        return report;
    }

    long pendingRequest(String token, String project) throws Exception {
        JsonNode list = JSON.readTree(mvc.perform(get("/api/v1/approvals?project=" + project + "&status=pending")
                        .header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        return list.isEmpty() ? 0 : list.get(0).get("id").asLong();
    }

    void decide(String token, long requestId) throws Exception {
        mvc.perform(post("/api/v1/approvals/" + requestId + "/decisions")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"approve\",\"comment\":\"Checked the readers.\"}"))
                .andExpect(status().isOk());
    }

    /** A checkout with the migrations at {@code migrations/}, as a repository would have them. */
    Path checkout() throws Exception {
        Path checkout = Files.createTempDirectory(scratch, "checkout");
        Path target = checkout.resolve("migrations");
        try (var files = Files.walk(ALEMBIC_HISTORY)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(ALEMBIC_HISTORY.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return checkout;
    }

    String portal() {
        return "http://localhost:" + port;
    }
}
