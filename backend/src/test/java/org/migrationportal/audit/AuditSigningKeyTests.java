package org.migrationportal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.shared.SecretBox;

/** The checkpoint key: generated once into a private file, reloaded unchanged, or taken from configuration. */
class AuditSigningKeyTests {

    @TempDir
    Path dir;

    @Test
    void aMissingKeyFileIsGeneratedOnceWithOwnerOnlyPermissionsAndReloadedUnchanged() throws Exception {
        Path file = dir.resolve("keys/audit-signing-key.pem");
        AuditSigningKey first = new AuditSigningKey(properties(null, file));
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(file)).contains("BEGIN PRIVATE KEY").contains("BEGIN PUBLIC KEY");
        AuditSigningKey again = new AuditSigningKey(properties(null, file));
        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(again.publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void aConfiguredPkcs8KeySignsCheckpointsThatItsDerivedPublicKeyVerifies() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String configured = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        AuditSigningKey key = new AuditSigningKey(properties(configured, dir.resolve("unused.pem")));
        assertThat(key.publicKey()).isEqualTo(pair.getPublic());
        assertThat(Files.exists(dir.resolve("unused.pem"))).isFalse();

        Instant at = Instant.parse("2026-01-31T09:15:00.123456Z");
        String signature = key.sign(AuditCheckpoint.payload(7, 99, 50, "ab".repeat(32), at));
        AuditCheckpoint checkpoint = new AuditCheckpoint(7, 99, "ab".repeat(32), 50, at, key.keyId(), signature);
        assertThat(CheckpointSignatures.verify(pair.getPublic(), checkpoint)).isTrue();
        assertThat(CheckpointSignatures.verify(
                        KeyPairGenerator.getInstance("Ed25519")
                                .generateKeyPair()
                                .getPublic(),
                        checkpoint))
                .isFalse();
    }

    @Test
    void aKeyThatIsNotEd25519IsRefusedAtStartup() {
        assertThatThrownBy(() -> new AuditSigningKey(properties("bm90IGEga2V5", dir.resolve("x.pem"))))
                .hasMessageContaining("not a PKCS#8 Ed25519 private key");
    }

    static final SecretBox SECRETS =
            SecretBox.of(Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes()));

    @Test
    void withAnEncryptionKeyTheFileHoldsThePrivateKeyEncryptedUnderItsKeyId() throws Exception {
        Path file = dir.resolve("audit-signing-key.pem");
        AuditSigningKey first = new AuditSigningKey(properties(null, file), SECRETS);
        String content = Files.readString(file);
        assertThat(content)
                .doesNotContain("BEGIN PRIVATE KEY")
                .contains("enc:v1:" + SECRETS.currentKeyId() + ":")
                .contains("BEGIN PUBLIC KEY");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(new AuditSigningKey(properties(null, file), SECRETS).keyId()).isEqualTo(first.keyId());
        assertThatThrownBy(() -> new AuditSigningKey(properties(null, file)))
                .as("without the encryption key the file is unreadable")
                .hasMessageContaining(SECRETS.currentKeyId());
    }

    @Test
    void aClearKeyFileFromBeforeIsEncryptedInPlaceAndKeepsItsKey() throws Exception {
        Path file = dir.resolve("audit-signing-key.pem");
        AuditSigningKey clear = new AuditSigningKey(properties(null, file));
        assertThat(Files.readString(file)).contains("BEGIN PRIVATE KEY");

        AuditSigningKey migrated = new AuditSigningKey(properties(null, file), SECRETS);

        assertThat(migrated.keyId()).isEqualTo(clear.keyId());
        assertThat(Files.readString(file)).doesNotContain("BEGIN PRIVATE KEY").contains("enc:v1:");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aKeyFileOthersMayReadIsRefusedAtStart() throws Exception {
        Path file = dir.resolve("audit-signing-key.pem");
        new AuditSigningKey(properties(null, file));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> new AuditSigningKey(properties(null, file)))
                .hasMessageContaining("may be read or written by others")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void aConfiguredKeyMayItselfBeEncrypted() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String sealed = SECRETS.seal(
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), AuditSigningKey.PURPOSE);
        AuditSigningKey key = new AuditSigningKey(properties(sealed, dir.resolve("unused.pem")), SECRETS);
        assertThat(key.publicKey()).isEqualTo(pair.getPublic());
    }

    private static AuditProperties properties(String key, Path file) {
        return new AuditProperties(Duration.ofSeconds(2), false, Duration.ofSeconds(3), 1000, key, file.toString());
    }
}
