package org.migrationportal.cli.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortalClientTests {

    private final List<Duration> sleeps = new ArrayList<>();
    private final PrintStream log = new PrintStream(new ByteArrayOutputStream());
    private final ObjectNode body = new ObjectMapper().createObjectNode().put("project", "dylen-engine");

    private PortalClient client(PortalStub stub) {
        return new PortalClient(
                URI.create(stub.url()),
                "tok_secret",
                new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(5)),
                log,
                sleeps::add);
    }

    @Test
    void retriesOn503And429WithTheSameIdempotencyKeyAndHonoursRetryAfter() throws Exception {
        try (PortalStub stub = new PortalStub()) {
            stub.then(503, "", Map.of("Retry-After", "2"))
                    .then(429, "", Map.of("Retry-After", "1"))
                    .then(201, "{\"id\":42}");
            PortalResponse response = client(stub).post("/api/v1/ci-runs", body);

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.body().path("id").asInt()).isEqualTo(42);
            assertThat(response.attempts()).isEqualTo(3);
            assertThat(stub.requests).hasSize(3);
            assertThat(stub.requests)
                    .extracting(r -> r.header("Idempotency-Key"))
                    .containsOnly(PortalClient.idempotencyKey(
                            "POST", "/api/v1/ci-runs", "{\"project\":\"dylen-engine\"}".getBytes()));
            assertThat(stub.requests)
                    .extracting(PortalStub.Recorded::body)
                    .containsOnly("{\"project\":\"dylen-engine\"}");
            assertThat(stub.requests.get(0).header("Authorization")).isEqualTo("Bearer tok_secret");
            assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1));
        }
    }

    @Test
    void largeBodiesGoGzipCompressedAndSmallOnesAsTheyAre() throws Exception {
        try (PortalStub stub = new PortalStub()) {
            stub.then(201, "{\"id\":1}").then(201, "{\"id\":2}");
            com.fasterxml.jackson.databind.node.ObjectNode large =
                    new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            large.put("diff", "x".repeat(PortalClient.GZIP_FROM_BYTES));
            client(stub).post("/api/v1/drift-reports", large);
            client(stub).post("/api/v1/ci-runs", body);

            assertThat(stub.requests.get(0).header("Content-Encoding")).isEqualTo("gzip");
            assertThat(stub.requests.get(0).body()).isEqualTo(large.toString());
            assertThat(stub.requests.get(1).header("Content-Encoding")).isNull();
        }
    }

    @Test
    void differentBodiesGetDifferentKeys() {
        assertThat(PortalClient.idempotencyKey("POST", "/a", "{}".getBytes()))
                .isNotEqualTo(PortalClient.idempotencyKey("POST", "/a", "{ }".getBytes()))
                .hasSize(64);
    }

    @Test
    void problemDetailsAreNotRetriedAndCarryFieldErrors() throws Exception {
        try (PortalStub stub = new PortalStub()) {
            stub.then(400, """
                    {"type":"https://portal.example.org/problems/validation","title":"Request body is invalid",
                     "status":400,"detail":"2 fields are invalid.","errors":[
                     {"field":"commitSha","message":"must be 7 to 40 hexadecimal characters"},
                     {"field":"checks[0].status","message":"must be one of passed, failed, skipped"}]}""");
            assertThatThrownBy(() -> client(stub).post("/api/v1/ci-runs", body))
                    .isInstanceOfSatisfying(PortalException.class, e -> {
                        assertThat(e.problem().errors()).hasSize(2);
                        assertThat(e.problem().describe())
                                .contains(
                                        "400: Request body is invalid",
                                        "2 fields are invalid.",
                                        "- commitSha: must be 7 to 40 hexadecimal characters",
                                        "- checks[0].status: must be one of passed, failed, skipped");
                    });
            assertThat(stub.requests).hasSize(1);
        }
    }

    @Test
    void networkErrorsAreRetriedThenReportedAsUnreachable() throws Exception {
        String deadUrl;
        try (PortalStub stub = new PortalStub()) {
            deadUrl = stub.url(); // closed right away: connection refused from here on
        }
        PortalClient client = new PortalClient(
                URI.create(deadUrl),
                "t",
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100)),
                log,
                sleeps::add);
        assertThatThrownBy(() -> client.post("/api/v1/gate", body))
                .isInstanceOf(PortalUnreachableException.class)
                .hasMessageContaining("after 3 attempts");
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(1)).isGreaterThanOrEqualTo(sleeps.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(10));
    }
}
