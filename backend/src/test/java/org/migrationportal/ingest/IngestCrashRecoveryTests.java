package org.migrationportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.migrationportal.support.PostgresTestDatabase;

/**
 * The real jar, killed with {@code kill -9} while pipelines are posting: after a restart every externalId
 * it acknowledged with a 2xx is stored, has its audit entry, and is reflected in the compliance evaluation of
 * its environment once the app caught up (the evaluation requests a kill drops are made good by the evidence
 * sweep), and no event publication stays incomplete (incomplete ones are republished on start). Destructive CI
 * runs are posted too while approvals' durable listener is held by a table lock, so the kill certainly leaves
 * incomplete publications, and each stored run must get the approval request its republished event opens. Runs {@code backend/target/migration-compliance-portal.jar} when
 * it has been built ({@code ./mvnw -B package -DskipTests}); otherwise (e.g. {@code ./mvnw verify}, where tests run
 * before packaging) the same application from the test classpath, still as a separate process killed with SIGKILL.
 */
@Tag("database")
@Tag("slow")
class IngestCrashRecoveryTests {

    static final int DEPLOYERS = 16;
    static final int CI_PIPELINES = 2;

    static final String BOOTSTRAP = "bootstrap-" + "x".repeat(40);
    static final Path JAR = Path.of("target", "migration-compliance-portal.jar");

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // two app starts and a catch-up on a loaded machine
    void anAppKilledWithRequestsInFlightLosesNoAcknowledgedIngest() throws Exception {
        try (ScratchDatabase database = new ScratchDatabase("portal_crash")) {
            int port = freePort();
            Process app = start(database, port, "first");
            Set<String> acknowledged = ConcurrentHashSet();
            Set<String> acknowledgedCiRuns = ConcurrentHashSet();
            AtomicInteger attempted = new AtomicInteger();
            try {
                awaitHealthy(port, app);
                Tokens tokens = setUp(port);
                // Approvals' durable listener cannot finish while this transaction holds its table: every CI run
                // acknowledged before the kill leaves an incomplete publication that only republication on restart
                // can complete.
                try (Connection approvalsHeld = database.connect()) {
                    approvalsHeld.setAutoCommit(false);
                    try (Statement lock = approvalsHeld.createStatement()) {
                        lock.execute("LOCK TABLE approval_request IN EXCLUSIVE MODE");
                    }
                    AtomicBoolean running = new AtomicBoolean(true);
                    ExecutorService clients = Executors.newFixedThreadPool(DEPLOYERS + CI_PIPELINES);
                    for (int c = 0; c < DEPLOYERS; c++) {
                        int client = c;
                        clients.submit(() -> {
                            for (int i = 0; running.get(); i++) {
                                String externalId = "crash-" + client + "-" + i;
                                attempted.incrementAndGet();
                                try {
                                    HttpResponse<String> response = postDeployment(port, tokens.deploy(), externalId);
                                    if (response.statusCode() / 100 == 2) {
                                        acknowledged.add(externalId);
                                    }
                                } catch (IOException | InterruptedException e) {
                                    // The server died under us: this request was never acknowledged.
                                }
                            }
                        });
                    }
                    for (int c = 0; c < CI_PIPELINES; c++) {
                        int pipeline = c;
                        clients.submit(() -> {
                            for (int i = 0; running.get(); i++) {
                                String externalId = "ci-" + pipeline + "-" + i;
                                try {
                                    HttpResponse<String> response = postDestructiveCiRun(port, tokens.ci(), externalId);
                                    if (response.statusCode() / 100 == 2) {
                                        acknowledgedCiRuns.add(externalId);
                                    }
                                } catch (IOException | InterruptedException e) {
                                    // never acknowledged
                                }
                            }
                        });
                    }
                    // Let the app warm up and take real load, so the kill lands among committed-but-unhandled events.
                    Awaitility.await("the app acknowledged enough ingest to be killed in the middle of it")
                            .atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> acknowledged.size() >= 400 && acknowledgedCiRuns.size() >= 10);
                    app.destroyForcibly(); // SIGKILL: no shutdown hooks, no graceful drain
                    assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    running.set(false);
                    clients.shutdown();
                    assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                    approvalsHeld.rollback();
                }
            } finally {
                app.destroyForcibly();
            }
            long incompleteAtKill = incompletePublications(database);
            System.out.printf(
                    "crash test: %d deployment posts attempted, %d acknowledged, %d CI runs acknowledged,"
                            + " %d publications incomplete at kill%n",
                    attempted.get(), acknowledged.size(), acknowledgedCiRuns.size(), incompleteAtKill);
            assertThat(single(database, """
                            SELECT COUNT(*) FROM event_publication
                            WHERE completion_date IS NULL AND listener_id LIKE '%approvals.EvidenceListener%'"""))
                    .as("approvals' publications left incomplete by the kill: what restart must republish")
                    .isGreaterThanOrEqualTo(acknowledgedCiRuns.size())
                    .isPositive();

            Process restarted = start(database, port, "second");
            try {
                awaitHealthy(port, restarted);
                assertThat(column(database, "SELECT external_id FROM deployment"))
                        .containsAll(acknowledged);
                assertThat(column(database, "SELECT external_id FROM ci_run")).containsAll(acknowledgedCiRuns);
                Awaitility.await("every incomplete publication republished and completed after the restart")
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(incompletePublications(database))
                                .as("event publications still incomplete after restart")
                                .isZero());
                assertThat(single(database, """
                                SELECT COUNT(*) FROM ci_run c
                                WHERE NOT EXISTS (SELECT 1 FROM approval_request a WHERE a.ci_run_id = c.id)"""))
                        .as("stored destructive CI runs without the approval request their republished event opens")
                        .isZero();
                assertThat(single(database, "SELECT COUNT(*) FROM audit_entry WHERE action = 'deployment.recorded'"))
                        .as("audit entries of stored deployments")
                        .isEqualTo(single(database, "SELECT COUNT(*) FROM deployment"));
                Awaitility.await("prod's compliance evaluation has seen the last deployment stored before the kill")
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> evaluatedAfterLastDeployment(database));
            } finally {
                restarted.destroy();
                if (!restarted.waitFor(20, TimeUnit.SECONDS)) {
                    restarted.destroyForcibly();
                }
            }
        }
    }

    private record Tokens(String deploy, String ci) {}

    private static Set<String> column(ScratchDatabase database, String sql) throws Exception {
        Set<String> values = new HashSet<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Set<String> ConcurrentHashSet() {
        return java.util.concurrent.ConcurrentHashMap.newKeySet();
    }

    private Process start(ScratchDatabase database, int port, String label) throws IOException {
        File log = Path.of("target", "crash-test-" + label + ".log").toFile();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        // Only a jar packaged from these very classes: a stale jar from an older build would test old code.
        File compiled = Path.of("target", "classes", "org", "migrationportal", "PortalApplication.class")
                .toFile();
        if (JAR.toFile().isFile() && JAR.toFile().lastModified() >= compiled.lastModified()) {
            command.addAll(List.of("-jar", JAR.toString()));
        } else {
            command.addAll(
                    List.of("-cp", System.getProperty("java.class.path"), "org.migrationportal.PortalApplication"));
        }
        command.addAll(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + database.url,
                "--spring.datasource.username=" + PostgresTestDatabase.user(),
                "--spring.datasource.password=" + PostgresTestDatabase.password(),
                "--portal.demo-data=false",
                "--portal.bootstrap-admin-token=" + BOOTSTRAP,
                "--portal.ingest.rate-limit.per-second=100000",
                "--portal.ingest.rate-limit.burst=100000",
                "--portal.compliance.sweep-delay=PT2S",
                // As many connections as posting clients (the racers), plus the listener threads (8) that wait for
                // the lock the test holds.
                "--spring.datasource.hikari.maximum-pool-size=" + (DEPLOYERS + CI_PIPELINES + 10)));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    private void awaitHealthy(int port, Process app) {
        Awaitility.await("the app is healthy (see target/crash-test-*.log)")
                .atMost(Duration.ofMinutes(8)) // a start takes 30 s on an idle machine, over 5 min on a loaded one
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    assertThat(app.isAlive())
                            .as("the app exited during start; see target/crash-test-*.log")
                            .isTrue();
                    return http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                                    .timeout(Duration.ofSeconds(2))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200;
                });
    }

    /** Creates the project with the bootstrap admin token and issues deploy and CI tokens through the API. */
    private Tokens setUp(int port) throws Exception {
        String base = "http://127.0.0.1:" + port + "/api/v1/projects";
        HttpResponse<String> project = http.send(
                HttpRequest.newBuilder(URI.create(base))
                        .header("Authorization", "Bearer " + BOOTSTRAP)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"key":"crash","name":"Crash","migrationTool":"alembic","defaultBranch":"main","environments":[
                         {"key":"staging","order":1},{"key":"prod","order":2,"production":true,"verifiedBy":"staging"}]}"""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(project.statusCode()).as(project.body()).isEqualTo(201);
        return new Tokens(
                token(base, "{\"name\":\"deployer\",\"scopes\":[\"deploy:write\"],\"environments\":[\"prod\"]}"),
                token(base, "{\"name\":\"pipeline\",\"scopes\":[\"ci:write\"]}"));
    }

    private String token(String base, String body) throws Exception {
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(URI.create(base + "/crash/tokens"))
                        .header("Authorization", "Bearer " + BOOTSTRAP)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        return IngestExamples.JSON.readTree(token.body()).get("token").asString();
    }

    /** A CI run on main whose one migration (its own revision) drops a column: approvals opens a request for prod. */
    private HttpResponse<String> postDestructiveCiRun(int port, String token, String externalId)
            throws IOException, InterruptedException {
        String body = IngestExamples.body("ci-run", "crash", run -> {
            run.put("externalId", externalId);
            run.put("branch", "main");
            var migrations = run.withArray("migrations");
            migrations.remove(0);
            var drop = (tools.jackson.databind.node.ObjectNode) migrations.get(0);
            drop.put("revision", externalId);
            drop.putArray("parents");
            drop.remove("expandRevision");
            drop.remove("phase");
            drop.put("checksum", "sha256:" + externalId);
            run.withArray("checks").removeAll();
        });
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ci-runs"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postDeployment(int port, String token, String externalId)
            throws IOException, InterruptedException {
        String body = IngestExamples.body("deployment", "crash", d -> d.put("externalId", externalId));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/deployments"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long incompletePublications(ScratchDatabase database) throws Exception {
        return single(database, "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL");
    }

    private static boolean evaluatedAfterLastDeployment(ScratchDatabase database) throws Exception {
        return single(database, """
                SELECT COUNT(*) FROM compliance_evaluation c JOIN environment e ON e.id = c.environment_id
                WHERE e.environment_key = 'prod' AND c.evaluated_at > (SELECT MAX(updated_at) FROM deployment)""") == 1;
    }

    private static long single(ScratchDatabase database, String sql) throws Exception {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
