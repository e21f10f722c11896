package org.migrationportal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.ExampleBodies;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.RawHttp;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every API endpoint group outside ingest has a body-size limit (413) and a per-token rate limit (429 with
 * Retry-After), and list parameters are bounded: a request with 50,000 revisions is refused at once.
 */
@PortalIntegrationTest
@TestPropertySource(properties = {"portal.api.limits.gate.per-second=1", "portal.api.limits.gate.burst=2"})
class ApiLimitsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @LocalServerPort
    int port;

    String project;

    @BeforeEach
    void setUp() {
        project = TestData.uniqueKey("limits");
        data.project(project);
    }

    @Test
    void aGateTokenOverItsRateGets429WithRetryAfterAndOtherTokensAreUnaffected() throws Exception {
        String busy = gateToken();
        List<MockHttpServletResponse> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(gate(busy, ExampleBodies.gate(project, "dev")));
        }
        assertThat(answers).extracting(MockHttpServletResponse::getStatus).contains(200, 429);
        MockHttpServletResponse limited =
                answers.stream().filter(a -> a.getStatus() == 429).findFirst().orElseThrow();
        assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isPositive();
        assertThat(limited.getContentType()).isEqualTo("application/problem+json");
        assertThat(limited.getContentAsString())
                .contains("/problems/rate-limited")
                .contains("gate");

        assertThat(gate(gateToken(), ExampleBodies.gate(project, "dev")).getStatus())
                .isEqualTo(200);
    }

    @Test
    void aGateBodyOverItsLimitIs413BeforeItIsParsed() throws Exception {
        String body =
                "{\"project\":\"" + project + "\",\"environment\":\"dev\",\"reason\":\"" + "x".repeat(20_000) + "\"}";
        MockHttpServletResponse answer = gate(gateToken(), body);
        assertThat(answer.getStatus()).isEqualTo(413);
        assertThat(answer.getContentType()).isEqualTo("application/problem+json");
        assertThat(answer.getContentAsString()).contains("/problems/too-large");
    }

    @Test
    void aChunkedBodyWithoutALengthIsCutOffAtTheLimit() {
        byte[] json = ("{\"project\":\"" + project + "\",\"environment\":\"dev\",\"reason\":\"" + "x".repeat(40_000)
                        + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int at = 0; at < json.length; at += 4096) {
            int n = Math.min(4096, json.length - at);
            chunked.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(json, at, n);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        RawHttp.Answer answer = RawHttp.send(
                port,
                "POST",
                "/api/v1/gate",
                Map.of(
                        "Authorization", "Bearer " + gateToken(),
                        "Content-Type", "application/json",
                        "Transfer-Encoding", "chunked"),
                chunked.toByteArray());
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void fiftyThousandRevisionsAreAFast400() throws Exception {
        String personal = data.personalToken(data.admin(TestData.uniqueKey("limits-admin")));
        String revisions =
                IntStream.range(0, 50_000).mapToObj(i -> "\"r" + i + "\"").collect(Collectors.joining(","));
        String body = "{\"project\":\"" + project + "\",\"environment\":\"prod\",\"reason\":\"release\",\"revisions\":["
                + revisions + "]}";
        Instant started = Instant.now();
        MockHttpServletResponse answer = mvc.perform(post("/api/v1/approvals")
                        .header("Authorization", "Bearer " + personal)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(answer.getContentAsString()).contains("\"field\":\"revisions\"");
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    private String gateToken() {
        return data.projectToken(project, List.of("gate:read"), List.of());
    }

    private MockHttpServletResponse gate(String token, String body) throws Exception {
        return mvc.perform(post("/api/v1/gate")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
    }
}
