package org.migrationportal.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.approvals.webhooks.CreatedWebhook;
import org.migrationportal.approvals.webhooks.DeliveryView;
import org.migrationportal.approvals.webhooks.NewWebhook;
import org.migrationportal.approvals.webhooks.Webhooks;
import org.migrationportal.compliance.DeployReadiness.Blocker;
import org.migrationportal.identity.ApiTokens;
import org.migrationportal.shared.InvalidRequestException;
import org.migrationportal.shared.SecretBox;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/** Webhooks are delivered to a real HTTP server, signed, and retried with backoff until delivered or out of attempts. */
@PortalIntegrationTest
@Import(ApprovalsTestConfiguration.class)
class WebhookDeliveryTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Webhooks webhooks;

    @Autowired
    DeployGate gate;

    @Autowired
    ApiTokens tokens;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SecretBox secrets;

    @Autowired
    ApprovalsTestConfiguration.ScriptedReadiness readiness;

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresToGive = new AtomicInteger();
    String project;
    String token;

    record Received(
            String body, String signature, String event, String id, String timestamp, String standardSignature) {}

    @BeforeEach
    void setUp() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    body,
                    exchange.getRequestHeaders().getFirst("X-Portal-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Portal-Event"),
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature")));
            int status = failuresToGive.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        project = TestData.uniqueKey("hooks");
        data.project(project);
        token = data.projectToken(project, List.of("gate:read"), List.of("prod"));
        readiness.script(project, "enforce", new Blocker("backup-missing", "No backup.", List.of()));
        asAdmin(() -> {
            long tokenId = tokens.projectTokens(project).get(0).id();
            gate.allowEmergency(project, tokenId, true);
        });
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        SecurityContextHolder.clearContext();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Test
    void aBreakGlassIsPostedSignedInBothFormats() throws Exception {
        CreatedWebhook slack = asAdmin(
                () -> webhooks.create(project, new NewWebhook("chat", url(), "slack", List.of("gate.break-glass"))));
        CreatedWebhook generic =
                asAdmin(() -> webhooks.create(project, new NewWebhook("siem", url(), "generic", Webhooks.EVENTS)));
        assertThat(slack.secret()).startsWith("whsec_");
        assertThat(webhooks.list(project)).extracting(w -> w.url()).containsOnly(url());

        breakGlass();
        assertThat(webhooks.sendDue()).isGreaterThanOrEqualTo(2);

        assertThat(received).hasSize(2);
        Received toSlack = received.stream()
                .filter(r -> r.body().startsWith("{\"text\""))
                .findFirst()
                .orElseThrow();
        assertThat(toSlack.body())
                .contains("Break-glass deploy of b7e1d2c3a4f5")
                .contains("backup-missing");
        assertThat(toSlack.signature()).isEqualTo("sha256=" + hmac(slack.secret(), toSlack.body()));
        assertThat(toSlack.event()).isEqualTo("gate.break-glass");
        assertThat(toSlack.id()).startsWith("msg_");
        assertThat(toSlack.timestamp()).isEqualTo(String.valueOf(clock.instant().getEpochSecond()));
        assertThat(toSlack.standardSignature())
                .isEqualTo("v1,"
                        + standardWebhooksSignature(slack.secret(), toSlack.id(), toSlack.timestamp(), toSlack.body()));
        Received toSiem = received.stream()
                .filter(r -> r.body().contains("\"event\":\"gate.break-glass\""))
                .findFirst()
                .orElseThrow();
        assertThat(toSiem.body()).contains("\"project\":\"" + project + "\"").contains("\"reviewId\"");
        assertThat(toSiem.signature()).isEqualTo("sha256=" + hmac(generic.secret(), toSiem.body()));
        assertThat(toSiem.standardSignature())
                .isEqualTo("v1,"
                        + standardWebhooksSignature(generic.secret(), toSiem.id(), toSiem.timestamp(), toSiem.body()));
        assertThat(toSiem.id()).isNotEqualTo(toSlack.id());
        assertThat(webhooks.deliveries(project, 10))
                .extracting(DeliveryView::status)
                .containsOnly("delivered");
    }

    @Test
    void secretsAreStoredEncryptedAndAClearOneFromBeforeKeepsWorkingAndIsThenEncrypted() throws Exception {
        CreatedWebhook created = asAdmin(
                () -> webhooks.create(project, new NewWebhook("chat", url(), "slack", List.of("gate.break-glass"))));
        long id = created.webhook().id();
        String stored = storedSecret(id);
        assertThat(stored).startsWith("enc:v1:" + secrets.currentKeyId() + ":").doesNotContain(created.secret());

        // A row written before encryption was configured holds the secret in clear.
        jdbc.update("UPDATE webhook SET secret = ? WHERE id = ?", created.secret(), id);
        breakGlass();
        webhooks.sendDue();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).signature())
                .isEqualTo("sha256=" + hmac(created.secret(), received.get(0).body()));

        assertThat(webhooks.resealStoredSecrets()).isGreaterThanOrEqualTo(1);
        String resealed = storedSecret(id);
        assertThat(resealed)
                .startsWith("enc:v1:" + secrets.currentKeyId() + ":")
                .doesNotContain(created.secret());
        assertThat(secrets.open(resealed, "webhook secret")).isEqualTo(created.secret());
        assertThat(webhooks.resealStoredSecrets()).as("nothing left to do").isZero();
    }

    String storedSecret(long webhookId) {
        return jdbc.queryForObject("SELECT secret FROM webhook WHERE id = ?", String.class, webhookId);
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackoffUntilDelivered() throws Exception {
        asAdmin(() -> webhooks.create(project, new NewWebhook("chat", url(), "slack", List.of("gate.break-glass"))));
        failuresToGive.set(1);
        breakGlass();

        webhooks.sendDue();
        DeliveryView first = webhooks.deliveries(project, 1).get(0);
        assertThat(first.status()).isEqualTo("pending");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.responseStatus()).isEqualTo(503);
        assertThat(Duration.between(first.lastAttemptAt(), first.nextAttemptAt()))
                .isEqualTo(Duration.ofSeconds(1));

        webhooks.sendDue(); // not due yet: the clock has not moved
        assertThat(received).hasSize(1);

        clock.advance(Duration.ofSeconds(2));
        webhooks.sendDue();
        DeliveryView second = webhooks.deliveries(project, 1).get(0);
        assertThat(received).hasSize(2);
        assertThat(second.status()).isEqualTo("delivered");
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(received.get(0).body()).isEqualTo(received.get(1).body());
        // A retry is the same message (same id, receivers deduplicate) signed for its own moment.
        assertThat(received.get(1).id()).isEqualTo(received.get(0).id());
        assertThat(Long.parseLong(received.get(1).timestamp())
                        - Long.parseLong(received.get(0).timestamp()))
                .isEqualTo(2);
    }

    @Test
    void aDeliveryThatKeepsFailingIsMarkedFailedAfterTheLastAttempt() throws Exception {
        asAdmin(() -> webhooks.create(project, new NewWebhook("chat", url(), "slack", List.of("gate.break-glass"))));
        failuresToGive.set(100);
        breakGlass();
        for (int i = 0; i < 5; i++) {
            webhooks.sendDue();
            clock.advance(Duration.ofSeconds(10));
        }
        DeliveryView delivery = webhooks.deliveries(project, 1).get(0);
        assertThat(received).hasSize(3); // max-attempts 3 in the test profile
        assertThat(delivery.status()).isEqualTo("failed");
        assertThat(delivery.nextAttemptAt()).isNull();
        assertThat(delivery.lastError()).isEqualTo("HTTP 503");
    }

    @Test
    void urlsWithCredentialsOrOtherSchemesAreRefused() {
        assertThat(refusal("ftp://example.org/x")).contains("http:// or https://");
        assertThat(refusal("https://user:pw@example.org/x")).contains("credentials");
        assertThat(refusal("not a url")).isNotEmpty();
    }

    String refusal(String url) {
        try {
            asAdmin(() -> webhooks.create(project, new NewWebhook("x", url, "slack", List.of("approval.opened"))));
            return "";
        } catch (InvalidRequestException e) {
            return e.problems().get(0).message();
        }
    }

    void breakGlass() throws Exception {
        mvc.perform(post("/api/v1/gate")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"project":"%s","environment":"prod","toRevision":"b7e1d2c3a4f5","commitSha":"4f2c9e1a7b3d",
                                 "emergency":true,"reason":"payments down"}""".formatted(project)))
                .andExpect(status().isOk());
    }

    static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** What a Standard Webhooks library computes: the key is the base64 after whsec_, the content id.timestamp.body. */
    static String standardWebhooksSignature(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder()
                .encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    static <T> T asAdmin(java.util.function.Supplier<T> work) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(
                "test-admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static void asAdmin(Runnable work) {
        asAdmin(() -> {
            work.run();
            return null;
        });
    }
}
