package org.migrationportal.approvals.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook attempts against real loopback sockets: a receiver that answers headers and then stalls is cut at
 * the deadline and holds nobody else up; the address connected to is the one the policy judged.
 */
class WebhookTransportTests {

    HttpServer healthy;
    final List<String> healthyHosts = new CopyOnWriteArrayList<>();
    StallingReceiver stalling;
    WebhookSender sender;

    @BeforeEach
    void startReceivers() throws Exception {
        healthy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        healthy.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            healthyHosts.add(exchange.getLocalAddress().getAddress().getHostAddress());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        healthy.start();
        stalling = new StallingReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        if (sender != null) {
            sender.destroy();
        }
        healthy.stop(0);
        stalling.close();
    }

    static WebhookSettings settings(boolean allowPrivate, Duration deadline) {
        return new WebhookSettings(
                allowPrivate,
                3,
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                Duration.ofMillis(Math.min(2000, deadline.toMillis())),
                10,
                deadline,
                2);
    }

    URI healthyUrl(String host) {
        return URI.create("http://" + host + ":" + healthy.getAddress().getPort() + "/hook");
    }

    URI stallingUrl() {
        return URI.create("http://127.0.0.1:" + stalling.port() + "/hook");
    }

    @Test
    void aReceiverThatSendsHeadersAndThenTricklesIsCutAtTheDeadline() {
        sender = new WebhookSender(
                new WebhookUrlPolicy(settings(true, Duration.ofSeconds(1))),
                HostResolver.SYSTEM,
                settings(true, Duration.ofSeconds(1)));
        WebhookTransport.Outcome outcome =
                assertTimeoutPreemptively(Duration.ofSeconds(15), () -> sender.post(stallingUrl(), Map.of(), "{}"));
        assertThat(stalling.requests).hasValue(1);
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.error()).contains("deadline of 1000 ms");
    }

    @Test
    void aStallingReceiverHoldsNeitherTheCallerNorTheOtherReceivers() {
        WebhookSettings settings = settings(true, Duration.ofSeconds(6));
        sender = new WebhookSender(new WebhookUrlPolicy(settings), HostResolver.SYSTEM, settings);
        CompletableFuture<WebhookTransport.Outcome> stalled = new CompletableFuture<>();
        CompletableFuture<WebhookTransport.Outcome> fine = new CompletableFuture<>();

        // What the scheduler's thread does: hand the job over and return.
        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> sender.dispatch(() -> sender.runAll(List.of(
                        () -> stalled.complete(sender.post(stallingUrl(), Map.of(), "{}")),
                        () -> fine.complete(sender.post(healthyUrl("127.0.0.1"), Map.of(), "{}"))))));

        await().atMost(Duration.ofSeconds(5)).until(fine::isDone);
        assertThat(fine.join().delivered()).isTrue();
        assertThat(stalled)
                .as("still stalled while the other receiver got its delivery")
                .isNotDone();
        assertThat(await().atMost(Duration.ofSeconds(20))
                        .until(stalled::join, o -> !o.delivered())
                        .error())
                .contains("deadline");
    }

    @Test
    void theAddressConnectedToIsTheOneThatWasResolvedAndChecked() {
        // A rebinding name: the first answer is 127.0.0.1 (where the receiver listens), later ones 127.0.0.2.
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host ->
                new InetAddress[] {InetAddress.getByName(lookups.incrementAndGet() == 1 ? "127.0.0.1" : "127.0.0.2")};
        WebhookSettings settings = settings(true, Duration.ofSeconds(5));
        sender = new WebhookSender(new WebhookUrlPolicy(settings), rebinding, settings);

        WebhookTransport.Outcome outcome = sender.post(healthyUrl("hooks.example.test"), Map.of(), "{}");

        assertThat(outcome.error()).isNull();
        assertThat(healthyHosts).containsExactly("127.0.0.1");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aNameThatResolvesToAPrivateAddressIsNotConnectedTo() {
        WebhookSettings settings = settings(false, Duration.ofSeconds(5));
        HostResolver toLoopback = host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        sender = new WebhookSender(new WebhookUrlPolicy(settings), toLoopback, settings);

        WebhookTransport.Outcome outcome = sender.post(healthyUrl("hooks.example.test"), Map.of(), "{}");

        assertThat(outcome.error()).startsWith("not sent:").contains("private or loopback");
        assertThat(healthyHosts).isEmpty();
    }

    @Test
    void privateAddressesWrittenAsIpv6AreNotConnectedTo() {
        WebhookSettings settings = settings(false, Duration.ofSeconds(5));
        sender = new WebhookSender(new WebhookUrlPolicy(settings), HostResolver.SYSTEM, settings);

        for (String host : List.of("127.0.0.1", "[::ffff:127.0.0.1]", "[::127.0.0.1]")) {
            WebhookTransport.Outcome outcome = sender.post(healthyUrl(host), Map.of(), "{}");
            assertThat(outcome.error()).as(host).startsWith("not sent:");
        }
        assertThat(healthyHosts).isEmpty();
    }
}
