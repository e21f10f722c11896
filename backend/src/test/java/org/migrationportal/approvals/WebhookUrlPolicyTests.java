package org.migrationportal.approvals.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which webhook URLs the portal calls; private addresses are a setting (tests need loopback). */
class WebhookUrlPolicyTests {

    final WebhookUrlPolicy strict = new WebhookUrlPolicy(settings(false));
    final WebhookUrlPolicy lenient = new WebhookUrlPolicy(settings(true));

    static WebhookSettings settings(boolean allowPrivate) {
        return new WebhookSettings(
                allowPrivate,
                8,
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                Duration.ofSeconds(5),
                50,
                Duration.ofSeconds(10),
                4);
    }

    @Test
    void loopbackAndPrivateAddressesAreRefusedUnlessAllowed() {
        assertThat(strict.problemWith("http://127.0.0.1:8080/hook"))
                .get()
                .asString()
                .contains("private or loopback");
        assertThat(strict.problemWith("http://10.1.2.3/hook")).isPresent();
        assertThat(strict.problemWith("http://192.168.0.10/hook")).isPresent();
        assertThat(strict.problemWith("http://169.254.169.254/latest/meta-data"))
                .isPresent();
        assertThat(strict.problemWith("http://[::1]/hook")).isPresent();
        assertThat(strict.problemWith("http://[fd00::1]/hook")).isPresent();
        assertThat(strict.problemWith("http://203.0.113.7/hook")).isEmpty();
        assertThat(lenient.problemWith("http://127.0.0.1:8080/hook")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "::127.0.0.1", // IPv4-compatible loopback
                "::10.0.0.1",
                "::ffff:127.0.0.1", // IPv4-mapped
                "::ffff:192.168.1.1",
                "::ffff:169.254.169.254",
                "64:ff9b::7f00:1", // NAT64 of 127.0.0.1
                "64:ff9b::a00:1", // NAT64 of 10.0.0.1
                "64:ff9b::a9fe:a9fe", // NAT64 of 169.254.169.254
                "64:ff9b:1::1", // local-use NAT64
                "2002:7f00:1::1", // 6to4 of 127.0.0.1
                "2002:c0a8:101::1", // 6to4 of 192.168.1.1
                "2002:a9fe:a9fe::", // 6to4 of 169.254.169.254
                "2001:0:4136:e378:8000:63bf:80ff:fffe", // Teredo, client 127.0.0.1
                "fec0::1", // site-local
                "fd12:3456::1",
                "::",
                "::1"
            })
    void ipv6FormsOfPrivateAddressesAreRefused(String address) throws Exception {
        assertThat(WebhookUrlPolicy.isPrivate(InetAddress.getByName(address)))
                .as(address)
                .isTrue();
        assertThat(strict.problemWith("http://[" + address + "]/hook"))
                .as(address)
                .isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"2606:4700::1111", "::ffff:203.0.113.7", "64:ff9b::cb00:7107", "2002:cb00:7107::1", "203.0.113.7"
            })
    void publicAddressesInTheSameFormsAreAllowed(String address) throws Exception {
        assertThat(WebhookUrlPolicy.isPrivate(InetAddress.getByName(address)))
                .as(address)
                .isFalse();
    }

    @Test
    void onlyHttpUrlsWithAHostAndNoCredentials() {
        assertThat(lenient.problemWith("ftp://example.org/x")).get().asString().contains("http:// or https://");
        assertThat(lenient.problemWith("https://user:secret@example.org/x"))
                .get()
                .asString()
                .contains("credentials");
        assertThat(lenient.problemWith("https:///nohost")).isPresent();
        assertThat(lenient.problemWith("https://example.org/x#frag")).isPresent();
        assertThat(lenient.problemWith("")).isPresent();
        assertThat(lenient.problemWith("https://hooks.example.org/services/T000"))
                .isEmpty();
    }

    @Test
    void backoffDoublesUpToTheCap() {
        WebhookSettings settings = new WebhookSettings(
                false,
                8,
                Duration.ofSeconds(30),
                Duration.ofMinutes(3),
                Duration.ofSeconds(5),
                50,
                Duration.ofSeconds(10),
                4);
        assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.backoffAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofMinutes(3));
        assertThat(settings.backoffAfter(9)).isEqualTo(Duration.ofMinutes(3));
    }
}
