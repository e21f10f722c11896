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
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PostgresTestDatabase;

/**
 * The real jar, killed with {@code kill -9} while pipelines are posting: after a restart every externalId
 * it acknowledged with a 2xx is stored, has its audit entry, and is reflected in the compliance evaluation of
 * its environment once the app caught up (the evaluation requests a kill drops are made good by the evidence
 * sweep), and no event publication stays incomplete (incomplete ones are republished on start). Runs {@code backend/target/migration-compliance-portal.jar} when
 * it has been built ({@code ./mvnw -B package -DskipTests}); otherwise (e.g. {@code ./mvnw verify}, where tests run
 * before packaging) the same application from the test classpath, still as a separate process killed with SIGKILL.
 */
class IngestCrashRecoveryTests {

    static final String BOOTSTRAP = "bootstrap-" + "x".repeat(40);
    static final Path JAR = Path.of("target", "migration-compliance-portal.jar");

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void anAppKilledWithRequestsInFlightLosesNoAcknowledgedIngest() throws Exception {
        try (ScratchDatabase database = new ScratchDatabase("portal_crash")) {
            int port = freePort();
            Process app = start(database, port, "first");
            String token;
            Set<String> acknowledged = ConcurrentHashSet();
            AtomicInteger attempted = new AtomicInteger();
            try {
                awaitHealthy(port, app);
                token = setUp(port);
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService clients = Executors.newFixedThreadPool(16);
                for (int c = 0; c < 16; c++) {
                    int client = c;
                    clients.submit(() -> {
                        for (int i = 0; running.get(); i++) {
                            String externalId = "crash-" + client + "-" + i;
                            attempted.incrementAndGet();
                            try {
                                HttpResponse<String> response = post(port, token, externalId);
                                if (response.statusCode() / 100 == 2) {
                                    acknowledged.add(externalId);
                                }
                            } catch (IOException | InterruptedException e) {
                                // The server died under us: this request was never acknowledged.
                            }
                        }
                    });
                }
                // Let the app warm up and take real load, so the kill lands among committed-but-unhandled events.
                long killAt = System.currentTimeMillis() + 20_000;
                while (acknowledged.size() < 400 && System.currentTimeMillis() < killAt) {
                    Thread.sleep(100);
                }
                app.destroyForcibly(); // SIGKILL: no shutdown hooks, no graceful drain
                app.waitFor(10, TimeUnit.SECONDS);
                running.set(false);
                clients.shutdown();
                assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                app.destroyForcibly();
            }
            assertThat(acknowledged).isNotEmpty();
            long incompleteAtKill = incompletePublications(database);
            System.out.printf(
                    "crash test: %d posts attempted, %d acknowledged, %d publications incomplete at kill%n",
                    attempted.get(), acknowledged.size(), incompleteAtKill);

            Process restarted = start(database, port, "second");
            try {
                awaitHealthy(port, restarted);
                Set<String> stored = new HashSet<>();
                try (Connection connection = database.connect();
                        Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT external_id FROM deployment")) {
                    while (rows.next()) {
                        stored.add(rows.getString(1));
                    }
                }
                assertThat(stored).containsAll(acknowledged);
                long deadline = System.currentTimeMillis() + 60_000;
                long incomplete;
                do {
                    Thread.sleep(500);
                    incomplete = incompletePublications(database);
                } while (incomplete > 0 && System.currentTimeMillis() < deadline);
                assertThat(incomplete)
                        .as("event publications still incomplete after restart")
                        .isZero();
                assertThat(single(database, "SELECT COUNT(*) FROM audit_entry WHERE action = 'deployment.recorded'"))
                        .as("audit entries of stored deployments")
                        .isEqualTo(stored.size());
                do {
                    Thread.sleep(500);
                } while (!evaluatedAfterLastDeployment(database) && System.currentTimeMillis() < deadline);
                assertThat(evaluatedAfterLastDeployment(database))
                        .as("prod's compliance evaluation has seen the last deployment stored before the kill")
                        .isTrue();
            } finally {
                restarted.destroy();
                restarted.waitFor(20, TimeUnit.SECONDS);
                restarted.destroyForcibly();
            }
        }
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
                "--portal.compliance.sweep-delay=PT2S"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    private void awaitHealthy(int port, Process app) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            assertThat(app.isAlive())
                    .as("the app exited during start; see target/crash-test-*.log")
                    .isTrue();
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the app did not become healthy within 120 s");
    }

    /** Creates the project with the bootstrap admin token and issues a deploy token through the API. */
    private String setUp(int port) throws Exception {
        String base = "http://127.0.0.1:" + port + "/api/v1/projects";
        HttpResponse<String> project = http.send(
                HttpRequest.newBuilder(URI.create(base))
                        .header("Authorization", "Bearer " + BOOTSTRAP)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"key":"crash","name":"Crash","migrationTool":"alembic","environments":[
                         {"key":"staging","order":1},{"key":"prod","order":2,"production":true,"verifiedBy":"staging"}]}"""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(project.statusCode()).as(project.body()).isEqualTo(201);
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(URI.create(base + "/crash/tokens"))
                        .header("Authorization", "Bearer " + BOOTSTRAP)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"deployer\",\"scopes\":[\"deploy:write\"],\"environments\":[\"prod\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        return IngestExamples.JSON.readTree(token.body()).get("token").asString();
    }

    private HttpResponse<String> post(int port, String token, String externalId)
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
