package org.migrationportal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.cli.portal.RetryPolicy;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pipeline's view: {@code portal-cli report} scans a real Alembic history and posts the CI run, then
 * {@code portal-cli gate} asks whether the head may go to an environment. Runs the packaged jar
 * ({@code cli/target/portal-cli.jar}, built first by {@code ./mvnw verify}) as a separate process; when only
 * compiled classes exist (a partial build), the same command runs in-process.
 */
@PortalIntegrationTest
class PortalCliEndToEndTests {

    static final Path CLI_JAR = Path.of("..", "cli", "target", "portal-cli.jar");
    static final Path ALEMBIC_HISTORY = Path.of("..", "cli", "src", "test", "resources", "fixtures", "alembic");
    static final String COMMIT = "4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4";

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    JdbcTemplate jdbc;

    String project;
    String token;

    record Run(int exitCode, String out, String err) {}

    @BeforeEach
    void setUp() {
        project = TestData.uniqueKey("cli");
        data.project(project);
        token = data.projectToken(project, List.of("ci:write", "gate:read", "read"), List.of());
    }

    Run cli(String... args) throws Exception {
        Map<String, String> env = Map.of("PORTAL_URL", "http://localhost:" + port, "PORTAL_TOKEN", token);
        // Only a jar packaged from the current CLI classes; a stale one from an older build would test old code.
        Path compiled = Path.of("..", "cli", "target", "classes", "org", "migrationportal", "cli", "PortalCli.class");
        if (Files.isRegularFile(CLI_JAR)
                && Files.getLastModifiedTime(CLI_JAR).compareTo(Files.getLastModifiedTime(compiled)) >= 0) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", CLI_JAR.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            File out = Files.createTempFile("cli-out", ".txt").toFile();
            File err = Files.createTempFile("cli-err", ".txt").toFile();
            Process process = builder.redirectOutput(out).redirectError(err).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("portal-cli finished")
                    .isTrue();
            return new Run(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new PortalCli(
                        env,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        RetryPolicy.standard())
                .execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void reportStoresTheScannedRunAndGateAnswersWithReasons() throws Exception {
        Run report = cli(
                "report",
                "--project",
                project,
                "--provider",
                "github-actions",
                "--external-id",
                "7001",
                "--commit",
                COMMIT,
                "--branch",
                "main",
                "--started-at",
                "2026-11-20T09:12:03Z",
                "--finished-at",
                "2026-11-20T09:18:47Z",
                "--migrations",
                ALEMBIC_HISTORY.toString(),
                "--tool",
                "alembic",
                "--check",
                "lint=passed",
                "--check",
                "heads=passed",
                "--check",
                "smoke=passed",
                "--check",
                "drift=passed");

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        Long projectId = jdbc.queryForObject("select id from project where project_key = ?", Long.class, project);
        assertThat(jdbc.queryForObject(
                        "select count(*) from ci_run where project_id = ? and external_id = '7001' and commit_sha = ?",
                        Integer.class,
                        projectId,
                        COMMIT))
                .isEqualTo(1);
        assertThat(jdbc.queryForList(
                        "select revision from migration where project_id = ? order by revision",
                        String.class,
                        projectId))
                .contains("0001aaaa", "0005eeee", "0006ffff");
        assertThat(jdbc.queryForObject(
                        "select destructive from migration where project_id = ? and revision = '0006ffff'",
                        Boolean.class,
                        projectId))
                .isTrue();

        // Repeating the same report (same run, same body) stores nothing twice.
        Run repeat = cli(
                "report",
                "--project",
                project,
                "--provider",
                "github-actions",
                "--external-id",
                "7001",
                "--commit",
                COMMIT,
                "--branch",
                "main",
                "--started-at",
                "2026-11-20T09:12:03Z",
                "--finished-at",
                "2026-11-20T09:18:47Z",
                "--migrations",
                ALEMBIC_HISTORY.toString(),
                "--tool",
                "alembic",
                "--check",
                "lint=passed",
                "--check",
                "heads=passed",
                "--check",
                "smoke=passed",
                "--check",
                "drift=passed");
        assertThat(repeat.exitCode()).as(repeat.out() + repeat.err()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from ci_run where project_id = ?", Integer.class, projectId))
                .isEqualTo(1);

        // Production: the contract migration drops data, nobody approved it, and it never ran on staging.
        Run prodGate = cli(
                "gate", "--project", project, "--environment", "prod", "--to-revision", "0006ffff", "--commit", COMMIT);
        assertThat(prodGate.exitCode()).as(prodGate.out() + prodGate.err()).isEqualTo(3);
        assertThat(prodGate.out() + prodGate.err()).contains("approval-missing").contains("staging-not-verified");
        assertThat(jdbc.queryForObject(
                        "select count(*) from gate_decision where project_id = ? and decision = 'deny'",
                        Integer.class,
                        projectId))
                .isEqualTo(1);
    }
}
