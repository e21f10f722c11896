package org.migrationportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit of deployment events ({@link DeploymentBatcher}, {@link DeploymentWriter}): requests written
 * together are each stored once with their own event row and audit entry; a run repeated within one group is
 * inserted once; a row the database refuses fails its own request only.
 */
@PortalIntegrationTest
class DeploymentBatchTests {

    static final int CLIENTS = 16;

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EvidenceLedger ledger;

    @Autowired
    DeploymentWriter writer;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    org.migrationportal.audit.AuditTrail auditTrail;

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Autowired
    org.migrationportal.shared.DatabaseKind database;

    @Autowired
    org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters;

    ExecutorService pool;
    String project;
    String token;

    @BeforeEach
    void setUp() {
        pool = Executors.newFixedThreadPool(CLIENTS);
        project = TestData.uniqueKey("batch");
        data.project(project);
        token = data.projectToken(project, List.of("deploy:write"), List.of());
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void concurrentFirstEventsAreEachStoredOnceWithTheirOwnEventRowAndAuditEntry() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, Long>>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                start.await();
                Map<String, Long> ids = new HashMap<>();
                for (int i = 0; i < 8; i++) {
                    String externalId = "run-" + client + "-" + i;
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/deployments"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(60))
                                    .POST(HttpRequest.BodyPublishers.ofString(IngestExamples.body(
                                            "deployment", project, d -> d.put("externalId", externalId))))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    // One write with a length, not an early-flushed chunked body (IngestRequestFilter).
                    assertThat(response.headers().firstValue("content-length"))
                            .hasValue(String.valueOf(response.body().length()));
                    assertThat(response.headers().firstValue("transfer-encoding"))
                            .isEmpty();
                    ids.put(
                            externalId,
                            IngestExamples.JSON
                                    .readTree(response.body())
                                    .get("id")
                                    .asLong());
                }
                return ids;
            }));
        }
        start.countDown();
        Map<String, Long> answered = new HashMap<>();
        for (Future<Map<String, Long>> client : clients) {
            answered.putAll(client.get(2, TimeUnit.MINUTES));
        }

        assertThat(answered).hasSize(CLIENTS * 8);
        Map<String, Long> stored = new HashMap<>();
        jdbc.sql(
                        "SELECT d.external_id, d.id FROM deployment d JOIN project p ON p.id = d.project_id WHERE p.project_key = ?")
                .param(project)
                .query(rs -> {
                    stored.put(rs.getString(1), rs.getLong(2));
                });
        assertThat(stored).isEqualTo(answered);
        for (long id : answered.values()) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM deployment_event WHERE deployment_id = ?")
                            .param(id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            List<Map<String, Object>> audit =
                    jdbc.sql("""
                            SELECT actor, actor_type, client_address FROM audit_entry
                            WHERE action = 'deployment.recorded' AND target_type = 'deployment' AND target_id = ?""").param(String.valueOf(id)).query().listOfRows();
            assertThat(audit).hasSize(1);
            assertThat((String) audit.get(0).get("actor")).startsWith("token:").endsWith("@" + project);
            assertThat(audit.get(0).get("actor_type")).isEqualTo("token");
            assertThat(audit.get(0).get("client_address")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void aRunRepeatedWithinOneGroupIsInsertedOnce() {
        PreparedDeployment first = prepared("repeat-a");
        PreparedDeployment other = prepared("repeat-b");
        PreparedDeployment again = prepared("repeat-a");

        Map<PreparedDeployment, Long> inserted = new TransactionTemplate(transactionManager)
                .execute(status -> writer.insertFirstEvents(List.of(first, other, again)));

        assertThat(inserted).hasSize(2).containsKeys(other).doesNotContainKey(null);
        assertThat(inserted.containsKey(first) ^ inserted.containsKey(again))
                .as("exactly one of the repeated run's posts")
                .isTrue();
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM deployment d JOIN project p ON p.id = d.project_id WHERE p.project_key = ?")
                        .param(project)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE project_key = ? AND action = 'deployment.recorded'")
                        .param(project)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        // The repeat, answered on its own afterwards, gets the original run back (same body, nothing stored twice).
        Receipt repeat = ledger.record(again);
        assertThat(repeat.created()).isFalse();
        assertThat(repeat.id()).isEqualTo(inserted.getOrDefault(first, inserted.get(again)));
    }

    @Test
    void aRowTheDatabaseRefusesFailsOnlyItsOwnRequest() throws Exception {
        List<PreparedDeployment> deployments = new ArrayList<>();
        for (int i = 0; i < CLIENTS - 1; i++) {
            deployments.add(prepared("fine-" + i));
        }
        PreparedDeployment good = prepared("refused");
        // An environment id no row has: the foreign key refuses the insert, and with it the whole multi-row statement.
        PreparedDeployment refused = new PreparedDeployment(
                good.event(),
                good.projectKey(),
                good.projectId(),
                good.environmentKey(),
                -1,
                good.commitSha(),
                good.startedAt(),
                good.finishedAt(),
                good.bodySha256(),
                good.receivedAt(),
                good.source(),
                good.audit());
        deployments.add(refused);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Receipt>> answers = new ArrayList<>();
        for (PreparedDeployment deployment : deployments) {
            answers.add(pool.submit(() -> {
                start.await();
                return ledger.record(deployment);
            }));
        }
        start.countDown();

        for (int i = 0; i < deployments.size() - 1; i++) {
            assertThat(answers.get(i).get(60, TimeUnit.SECONDS).created()).isTrue();
        }
        assertThatThrownBy(() -> answers.get(deployments.size() - 1).get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM deployment d JOIN project p ON p.id = d.project_id WHERE p.project_key = ?")
                        .param(project)
                        .query(Long.class)
                        .single())
                .isEqualTo(CLIENTS - 1);
    }

    @Test
    void theWriterOutlivesAGroupThatThrowsAndThatGroupsRequestsWriteThemselves() throws Exception {
        AtomicBoolean thrown = new AtomicBoolean();
        DeploymentWriter failingOnce = new DeploymentWriter(jdbc, auditTrail, events, database) {
            @Override
            Map<PreparedDeployment, Long> insertFirstEvents(List<PreparedDeployment> deployments) {
                if (thrown.compareAndSet(false, true)) {
                    throw new AssertionError("an Error, not an exception, out of one group");
                }
                return super.insertFirstEvents(deployments);
            }
        };
        DeploymentBatcher batcher = new DeploymentBatcher(failingOnce, transactionManager, database, 64, 1, meters);
        try {
            assertThat(batcher.insertFirstEvent(prepared("thrown")))
                    .as("answered 'not written': the request writes itself")
                    .isEmpty();
            assertThat(batcher.insertFirstEvent(prepared("after")))
                    .as("the writer is still there")
                    .isPresent();
        } finally {
            batcher.destroy();
        }
    }

    private PreparedDeployment prepared(String externalId) {
        DeploymentSubmission event = IngestExamples.JSON.readValue(
                IngestExamples.body("deployment", project, d -> d.put("externalId", externalId)),
                DeploymentSubmission.class);
        return ledger.prepare(event, IngestSource.system());
    }
}
