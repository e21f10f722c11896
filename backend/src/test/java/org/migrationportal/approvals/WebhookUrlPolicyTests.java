package org.migrationportal.approvals.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which webhook URLs the portal calls; private addresses are a setting (tests need loopback). */
class WebhookUrlPolicyTests {

    final WebhookUrlPolicy strict = new WebhookUrlPolicy(settings(false));
    final WebhookUrlPolicy lenient = new WebhookUrlPolicy(settings(true));

    static WebhookSettings settings(boolean allowPrivate) {
        return new WebhookSettings(
                allowPrivate, 8, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(5), 50);
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
        WebhookSettings settings =
                new WebhookSettings(false, 8, Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofSeconds(5), 50);
        assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.backoffAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofMinutes(3));
        assertThat(settings.backoffAfter(9)).isEqualTo(Duration.ofMinutes(3));
    }
}
