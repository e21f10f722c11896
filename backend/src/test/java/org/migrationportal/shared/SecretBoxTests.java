package org.migrationportal.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Secrets at rest: AES-GCM under a configured key with its id in the value, readable after a rotation, clear only without a key. */
class SecretBoxTests {

    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String NEXT_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    @Test
    void aSealedValueNamesItsKeyAndHidesTheSecret() {
        SecretBox box = SecretBox.of(KEY);
        String stored = box.seal("whsec_topsecret", "webhook secret");
        assertThat(stored).startsWith("enc:v1:" + box.currentKeyId() + ":").doesNotContain("topsecret");
        assertThat(box.seal("whsec_topsecret", "webhook secret"))
                .as("a fresh nonce each time")
                .isNotEqualTo(stored);
        assertThat(box.open(stored, "webhook secret")).isEqualTo("whsec_topsecret");
        assertThat(box.isCurrent(stored)).isTrue();
    }

    @Test
    void aValueCannotBeMovedToAnotherPurposeOrAltered() {
        SecretBox box = SecretBox.of(KEY);
        String stored = box.seal("whsec_topsecret", "webhook secret");
        assertThatThrownBy(() -> box.open(stored, "audit signing key")).hasMessageContaining("does not decrypt");
        char last = stored.charAt(stored.length() - 2);
        String altered = stored.substring(0, stored.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + stored.charAt(stored.length() - 1);
        assertThatThrownBy(() -> box.open(altered, "webhook secret")).hasMessageContaining("does not decrypt");
    }

    @Test
    void afterARotationOldValuesAreReadAndDueForResealing() {
        String underOldKey = SecretBox.of(KEY).seal("whsec_old", "webhook secret");
        SecretBox rotated = SecretBox.of(NEXT_KEY, KEY);
        assertThat(rotated.open(underOldKey, "webhook secret")).isEqualTo("whsec_old");
        assertThat(rotated.isCurrent(underOldKey)).isFalse();
        assertThat(rotated.isCurrent(rotated.seal("whsec_old", "webhook secret")))
                .isTrue();

        SecretBox withoutTheOldKey = SecretBox.of(NEXT_KEY);
        assertThatThrownBy(() -> withoutTheOldKey.open(underOldKey, "webhook secret"))
                .isInstanceOf(SecretBox.UndecryptableSecretException.class)
                .hasMessageContaining(SecretBox.of(KEY).currentKeyId());
    }

    @Test
    void clearValuesWrittenBeforeEncryptionStillReadAndAreDueForSealing() {
        SecretBox box = SecretBox.of(KEY);
        assertThat(box.open("whsec_legacy", "webhook secret")).isEqualTo("whsec_legacy");
        assertThat(box.isCurrent("whsec_legacy")).isFalse();
    }

    @Test
    void withoutAKeyValuesAreKeptInClear() {
        SecretBox clear = SecretBox.of(null);
        assertThat(clear.encrypts()).isFalse();
        assertThat(clear.seal("whsec_x", "webhook secret")).isEqualTo("whsec_x");
        assertThat(clear.isCurrent("whsec_x")).isTrue();
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedAtStart() {
        assertThatThrownBy(() -> SecretBox.of(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> SecretBox.of("not base64 !")).hasMessageContaining("not base64");
    }
}
