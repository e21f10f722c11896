package org.migrationportal.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.migrationportal.shared.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The portal's Ed25519 checkpoint-signing key. It lives outside the database on purpose: someone who can
 * rewrite the audit tables must not also be able to sign matching checkpoints (ADR 0002). Taken from
 * {@code portal.audit.signing-key} if set, else from the file {@code portal.audit.signing-key-file},
 * which is generated (mode 600) on first start. With {@code portal.secrets.encryption-key} the private key in
 * the file is encrypted ({@link SecretBox}; a clear file, or one under a previous key, is re-written under the
 * current key at start); without it the file is clear, as documented. Either way a file that others than its
 * owner may read or write is refused at start.
 */
@Component
class AuditSigningKey {

    private static final Logger log = LoggerFactory.getLogger(AuditSigningKey.class);
    private static final Pattern SEALED_LINE = Pattern.compile(Pattern.quote(SecretBox.PREFIX) + "[^\\s]+");
    private static final Pattern PRIVATE_PEM =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([^-]+)-----END PRIVATE KEY-----");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    static final String PURPOSE = "audit signing key";

    private final SecretBox secrets;

    AuditSigningKey(AuditProperties properties) {
        this(properties, SecretBox.of(null));
    }

    @Autowired
    AuditSigningKey(AuditProperties properties, SecretBox secrets) {
        this.secrets = secrets;
        KeyPair pair;
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            pair = fromPkcs8(secrets.open(properties.signingKey().strip(), PURPOSE));
            log.info("Audit checkpoints are signed with the key from portal.audit.signing-key");
        } else {
            pair = fromFile(Path.of(properties.signingKeyFile()));
        }
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.keyId = CheckpointSignatures.keyId(publicKey);
    }

    String sign(byte[] payload) {
        try {
            Signature signer = Signature.getInstance(CheckpointSignatures.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(payload);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    PublicKey publicKey() {
        return publicKey;
    }

    String keyId() {
        return keyId;
    }

    private KeyPair fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                refuseLoosePermissions(file);
                String content = Files.readString(file, StandardCharsets.US_ASCII);
                Matcher sealed = SEALED_LINE.matcher(content);
                KeyPair pair = fromPkcs8(sealed.find() ? secrets.open(sealed.group(), PURPOSE) : content);
                log.info("Audit checkpoints are signed with the key in {}", file.toAbsolutePath());
                if (secrets.encrypts() && !(sealed.reset().find() && secrets.isCurrent(sealed.group()))) {
                    write(file, pair);
                    log.info(
                            "Re-wrote {} with its private key encrypted under key id {}",
                            file.toAbsolutePath(),
                            secrets.currentKeyId());
                }
                return pair;
            }
            KeyPair generated =
                    KeyPairGenerator.getInstance(CheckpointSignatures.ALGORITHM).generateKeyPair();
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            write(file, generated);
            log.warn(
                    "Generated a new audit signing key in {} — back it up and keep it off the database host",
                    file.toAbsolutePath());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the audit signing key file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is unavailable in this JDK", e);
        }
    }

    /** Writes the key file (private key sealed when a key is configured) beside it, mode 600, then moves it in place. */
    private void write(Path file, KeyPair pair) throws IOException {
        String privatePem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String content = secrets.encrypts()
                ? "# Audit signing key; the private key is encrypted with portal.secrets.encryption-key (key id "
                        + secrets.currentKeyId() + ")\n" + secrets.seal(privatePem, PURPOSE) + "\n"
                : privatePem;
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, ownerOnly());
        Files.writeString(temporary, content + CheckpointSignatures.pem(pair.getPublic()), StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }

    /** Like ssh with a private key: a key file that others may read or write is not used. */
    static void refuseLoosePermissions(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            log.warn("Cannot check the permissions of {} on this file system", file);
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> loose = EnumSet.of(
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_WRITE);
        loose.retainAll(permissions);
        if (!loose.isEmpty()) {
            throw new IllegalStateException("The audit signing key file " + file.toAbsolutePath()
                    + " may be read or written by others than its owner ("
                    + PosixFilePermissions.toString(permissions) + "): run chmod 600 on it, then start again");
        }
    }

    /** Reads a PKCS#8 Ed25519 private key (base64 or PEM) and derives its public key. */
    static KeyPair fromPkcs8(String text) {
        Matcher pem = PRIVATE_PEM.matcher(text);
        String base64 = (pem.find() ? pem.group(1) : text).replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance(CheckpointSignatures.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            byte[] seed = ((EdECPrivateKey) key)
                    .getBytes()
                    .orElseThrow(() -> new IllegalStateException("the audit signing key has no extractable seed"));
            // The JDK derives an Ed25519 public key only while generating: regenerate from the same 32-byte seed.
            KeyPairGenerator generator = KeyPairGenerator.getInstance(CheckpointSignatures.ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            KeyPair pair = generator.generateKeyPair();
            return new KeyPair(pair.getPublic(), key);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("portal.audit signing key is not a PKCS#8 Ed25519 private key", e);
        }
    }

    /** Hands out the given seed once; the key generator draws exactly the 32 seed bytes from it. */
    private static final class FixedSeed extends SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
