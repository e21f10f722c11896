package org.migrationportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Stored exactly once: natural keys (sequential and racing, over real HTTP on the server's port) and the
 * Idempotency-Key header (replay, 422 for another body, 409 while in flight, scoped to the token).
 */
@PortalIntegrationTest
class IngestIdempotencyTests {

    static final int RACERS = 16;

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    HttpClient http;
    ExecutorService pool;
    String project;
    String token;

    @BeforeEach
    void setUp() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        pool = Executors.newFixedThreadPool(RACERS);
        project = TestData.uniqueKey("idem");
        data.project(project);
        token = data.projectToken(project, List.of("ci:write", "deploy:write", "backup:write"), List.of());
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    HttpResponse<String> post(String path, String body, String bearer, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body, token, null);
    }

    /** Sends the same request from {@link #RACERS} threads released at once. */
    List<HttpResponse<String>> race(String path, String body, String idempotencyKey) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return post(path, body, token, idempotencyKey);
            }));
        }
        start.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> future : futures) {
            responses.add(future.get(60, TimeUnit.SECONDS));
        }
        return responses;
    }

    static long id(HttpResponse<String> response) {
        return IngestExamples.JSON.readTree(response.body()).get("id").asLong();
    }

    long count(String sql) {
        return jdbc.sql(sql).param(project).query(Long.class).single();
    }

    @Test
    void aRepeatedCiRunReturnsTheOriginalAndADifferentBodyIsAConflict() throws Exception {
        String body = IngestExamples.body("ci-run", project);
        HttpResponse<String> first = post("/api/v1/ci-runs", body);
        HttpResponse<String> again = post("/api/v1/ci-runs", body);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(id(again)).isEqualTo(id(first));

        HttpResponse<String> changed =
                post("/api/v1/ci-runs", IngestExamples.body("ci-run", project, r -> r.put("branch", "feature")));
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(changed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(count("SELECT COUNT(*) FROM ci_run r JOIN project p ON p.id = r.project_id WHERE p.project_key = ?"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'ci-run.recorded' AND project_key = ?"))
                .isEqualTo(1);
    }

    @Test
    void repeatedBackupsAndDriftReportsAreStoredOnce() throws Exception {
        String backup = IngestExamples.body("backup", project);
        assertThat(post("/api/v1/backups", backup).statusCode()).isEqualTo(201);
        assertThat(post("/api/v1/backups", backup).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/backups", IngestExamples.body("backup", project, b -> b.put("sizeBytes", 1)))
                        .statusCode())
                .isEqualTo(409);
        String drift = IngestExamples.body("drift-report", project);
        assertThat(post("/api/v1/drift-reports", drift).statusCode()).isEqualTo(201);
        assertThat(post("/api/v1/drift-reports", drift).statusCode()).isEqualTo(200);
        assertThat(post(
                                "/api/v1/drift-reports",
                                IngestExamples.body("drift-report", project, r -> r.put("drifted", false)))
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void racingIdenticalCiRunsStoreOneRun() throws Exception {
        List<HttpResponse<String>> responses = race("/api/v1/ci-runs", IngestExamples.body("ci-run", project), null);
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201, 200);
        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(responses).extracting(IngestIdempotencyTests::id).containsOnly(id(responses.get(0)));
        assertThat(count("SELECT COUNT(*) FROM ci_run r JOIN project p ON p.id = r.project_id WHERE p.project_key = ?"))
                .isEqualTo(1);
        assertThat(count("""
                SELECT COUNT(*) FROM ci_check c JOIN ci_run r ON r.id = c.ci_run_id JOIN project p ON p.id = r.project_id
                WHERE p.project_key = ?""")).isEqualTo(4);
        assertThat(
                        count(
                                "SELECT COUNT(*) FROM migration m JOIN project p ON p.id = m.project_id WHERE p.project_key = ?"))
                .isEqualTo(2);
    }

    @Test
    void racingIdenticalDeploymentEventsStoreOneEvent() throws Exception {
        List<HttpResponse<String>> responses =
                race("/api/v1/deployments", IngestExamples.body("deployment", project), null);
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201, 200);
        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(
                        count(
                                "SELECT COUNT(*) FROM deployment d JOIN project p ON p.id = d.project_id WHERE p.project_key = ?"))
                .isEqualTo(1);
        assertThat(count("""
                SELECT COUNT(*) FROM deployment_event x JOIN deployment d ON d.id = x.deployment_id JOIN project p ON p.id = d.project_id
                WHERE p.project_key = ?""")).isEqualTo(1);
    }

    @Test
    void racingIdenticalBackupsStoreOneBackup() throws Exception {
        List<HttpResponse<String>> responses = race("/api/v1/backups", IngestExamples.body("backup", project), null);
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201, 200);
        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM backup b JOIN project p ON p.id = b.project_id WHERE p.project_key = ?"))
                .isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstResponse() throws Exception {
        String body = IngestExamples.body("backup", project);
        HttpResponse<String> first = post("/api/v1/backups", body, token, "backup-key-1");
        HttpResponse<String> replay = post("/api/v1/backups", body, token, "backup-key-1");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(replay.headers().firstValue("Idempotency-Replayed")).hasValue("true");
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'backup.recorded' AND project_key = ?"))
                .isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyWithAnotherBodyIs422() throws Exception {
        assertThat(post("/api/v1/backups", IngestExamples.body("backup", project), token, "k-422")
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> reused = post(
                "/api/v1/backups",
                IngestExamples.body("backup", project, b -> b.put("backupId", "another")),
                token,
                "k-422");
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.body()).contains("/problems/idempotency-key-reused");
        assertThat(count("SELECT COUNT(*) FROM backup b JOIN project p ON p.id = b.project_id WHERE p.project_key = ?"))
                .isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyStillInFlightIs409() throws Exception {
        String body = IngestExamples.body("backup", project);
        String digest = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        // The first request holding this key is still being processed (its claim is committed, its answer is not).
        jdbc.sql(
                        "INSERT INTO idempotency_key (token_ref, idem_key, request_sha256, state, created_at) VALUES (?, ?, ?, 'in_flight', ?)")
                .params(IngestExamples.publicIdOf(token), "k-busy", digest, OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        HttpResponse<String> busy = post("/api/v1/backups", body, token, "k-busy");
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(busy.headers().firstValue("Retry-After")).isPresent();
        assertThat(busy.body()).contains("/problems/idempotency-key-in-flight");
        assertThat(count("SELECT COUNT(*) FROM backup b JOIN project p ON p.id = b.project_id WHERE p.project_key = ?"))
                .isZero();
    }

    @Test
    void anAbandonedClaimIsTakenOverAfterItsTimeout() throws Exception {
        String body = IngestExamples.body("backup", project);
        String digest = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        jdbc.sql(
                        "INSERT INTO idempotency_key (token_ref, idem_key, request_sha256, state, created_at) VALUES (?, ?, ?, 'in_flight', ?)")
                .params(
                        IngestExamples.publicIdOf(token),
                        "k-dead",
                        digest,
                        OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5))
                .update();
        assertThat(post("/api/v1/backups", body, token, "k-dead").statusCode()).isEqualTo(201);
    }

    @Test
    void racingRequestsWithOneIdempotencyKeyStoreOnce() throws Exception {
        List<HttpResponse<String>> responses =
                race("/api/v1/deployments", IngestExamples.body("deployment", project), "race-key");
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201, 409);
        assertThat(responses)
                .filteredOn(r -> r.statusCode() == 201
                        && r.headers().firstValue("Idempotency-Replayed").isEmpty())
                .hasSize(1);
        assertThat(
                        count(
                                "SELECT COUNT(*) FROM deployment d JOIN project p ON p.id = d.project_id WHERE p.project_key = ?"))
                .isEqualTo(1);
    }

    @Test
    void idempotencyKeysAreScopedToTheToken() throws Exception {
        String other = data.projectToken(project, List.of("backup:write"), List.of());
        assertThat(post("/api/v1/backups", IngestExamples.body("backup", project), token, "shared-key")
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> second = post(
                "/api/v1/backups",
                IngestExamples.body("backup", project, b -> b.put("backupId", "b-2")),
                other,
                "shared-key");
        assertThat(second.statusCode()).isEqualTo(201);
        JsonNode receipt = IngestExamples.JSON.readTree(second.body());
        assertThat(receipt.get("created").asBoolean()).isTrue();
    }
}
