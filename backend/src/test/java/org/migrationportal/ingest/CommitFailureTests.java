package org.migrationportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.migrationportal.PortalApplication;
import org.migrationportal.support.PostgresTestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * "A 2xx means committed", proved by making COMMIT itself fail: a deferred constraint trigger on a scratch
 * database refuses, at commit time only, every row whose id starts with {@code doomed-}. Such a request must
 * not be answered 2xx and must leave nothing stored (no row, no audit entry) — alone, and inside a group commit
 * of {@link DeploymentBatcher} whose other requests are then stored and acknowledged.
 */
@Tag("database")
@Tag("slow")
class CommitFailureTests {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);

    static ScratchDatabase database;
    static ConfigurableApplicationContext app;
    static String base;
    static String token;

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startAppOnADatabaseThatRefusesDoomedRowsAtCommit() throws SQLException {
        database = new ScratchDatabase("portal_commit");
        app = new SpringApplicationBuilder(PortalApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + database.url,
                        "--spring.datasource.username=" + PostgresTestDatabase.user(),
                        "--spring.datasource.password=" + PostgresTestDatabase.password(),
                        // More connections than the group test's racers (blocker, eight requests, the lock holder).
                        "--spring.datasource.hikari.maximum-pool-size=12",
                        "--portal.demo-data=false",
                        "--portal.approvals.scheduling.enabled=false",
                        "--portal.audit.sealer-scheduled=false",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=warn",
                        "--logging.level.org.migrationportal.web=off");
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        token = DatabaseOutageTests.projectWithToken(app, "commit");
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      RAISE EXCEPTION 'refused at commit: % row', TG_TABLE_NAME;
                    END $$""");
            statement.execute("""
                    CREATE CONSTRAINT TRIGGER deployment_refused_at_commit AFTER INSERT ON deployment
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                    WHEN (NEW.external_id LIKE 'doomed-%') EXECUTE FUNCTION refuse_at_commit()""");
            statement.execute("""
                    CREATE CONSTRAINT TRIGGER backup_refused_at_commit AFTER INSERT ON backup
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                    WHEN (NEW.backup_ref LIKE 'doomed-%') EXECUTE FUNCTION refuse_at_commit()""");
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aBackupWhoseCommitFailsIsNotAcknowledgedAndNotStored() throws Exception {
        HttpResponse<String> refused = post("/api/v1/backups", backup("doomed-backup"));
        assertNotAcknowledged(refused);
        assertThat(count("SELECT COUNT(*) FROM backup WHERE backup_ref LIKE 'doomed-%'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE details LIKE '%doomed-backup%'"))
                .isZero();

        assertThat(post("/api/v1/backups", backup("fine-backup")).statusCode())
                .as("the trigger refuses doomed rows only")
                .isEqualTo(201);
    }

    @Test
    void aLoneDeploymentWhoseCommitFailsIsNotAcknowledgedAndNotStored() throws Exception {
        assertNotAcknowledged(post("/api/v1/deployments", deployment("doomed-alone")));
        assertThat(count("SELECT COUNT(*) FROM deployment WHERE external_id = 'doomed-alone'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE details LIKE '%doomed-alone%'"))
                .isZero();
    }

    @Test
    void aDeploymentWhoseGroupCommitFailsIsNotAcknowledgedWhileTheRestOfItsGroupIsStored() throws Exception {
        List<String> fine = List.of("fine-1", "fine-2", "fine-3", "fine-4", "fine-5", "fine-6", "fine-7");
        CompletableFuture<HttpResponse<String>> blocker;
        List<CompletableFuture<HttpResponse<String>>> group = new ArrayList<>();
        CompletableFuture<HttpResponse<String>> doomed;
        // Hold the writer on its first group (a lone blocker) so that the next requests queue up and are
        // taken together as one group: the doomed one among seven fine ones.
        try (Connection lock = database.connect()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE deployment IN SHARE ROW EXCLUSIVE MODE");
            }
            blocker = postAsync("/api/v1/deployments", deployment("blocker"));
            Awaitility.await("the writer waits for the lock")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> count("""
                            SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                            WHERE c.relname = 'deployment' AND NOT l.granted""") == 1);
            doomed = postAsync("/api/v1/deployments", deployment("doomed-in-group"));
            for (String externalId : fine) {
                group.add(postAsync("/api/v1/deployments", deployment(externalId)));
            }
            Awaitility.await("all eight requests queued for the next group")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> queued() == 8);
            lock.rollback();
        }

        assertThat(blocker.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS).statusCode())
                .isEqualTo(201);
        assertNotAcknowledged(doomed.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS));
        for (CompletableFuture<HttpResponse<String>> answer : group) {
            HttpResponse<String> response = answer.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
        assertThat(count("SELECT COUNT(*) FROM deployment WHERE external_id = 'doomed-in-group'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE details LIKE '%doomed-in-group%'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM deployment WHERE external_id LIKE 'fine-%'"))
                .isEqualTo(fine.size());
    }

    private static void assertNotAcknowledged(HttpResponse<String> response) {
        assertThat(response.statusCode() / 100)
                .as("a request whose commit failed answered %d: %s", response.statusCode(), response.body())
                .isNotEqualTo(2);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception");
    }

    private double queued() {
        return app.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .get("portal.ingest.deployment.batch.queued")
                .gauge()
                .value();
    }

    private static String backup(String backupId) {
        return IngestExamples.body("backup", "commit", b -> b.put("backupId", backupId));
    }

    private static String deployment(String externalId) {
        return IngestExamples.body("deployment", "commit", d -> d.put("externalId", externalId));
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(ANSWER_WITHIN)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return http.sendAsync(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
