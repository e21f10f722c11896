package org.migrationportal.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets the portal must be able to read back (AES-256-GCM, a fresh 96-bit nonce each time, the
 * purpose as associated data so a value cannot be moved to another use). A sealed value reads
 * {@code enc:v1:<key id>:<base64 nonce‖ciphertext‖tag>}; the key id (first 4 bytes of the key's SHA-256, hex)
 * says which key opens it, so the key can be rotated: the new key in {@code portal.secrets.encryption-key},
 * the old one in {@code previous-encryption-keys} until everything is re-sealed.
 *
 * <p>Without a key values are kept in clear: an explicit, documented choice, warned about at every start.
 * A clear value (anything without the prefix) is always read as it is, which is how rows written before
 * encryption keep working until they are re-sealed.
 */
@Component
public class SecretBox {

    public static final String PREFIX = "enc:v1:";

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;

    @Autowired
    public SecretBox(SecretsProperties properties) {
        this(properties.encryptionKey(), properties.previousEncryptionKeys());
        if (currentKeyId == null) {
            log.warn("portal.secrets.encryption-key is not set: webhook secrets and the audit signing key are stored"
                    + " in clear (database rows, key file). Set it to base64 of 32 random bytes to encrypt them;"
                    + " see docs/security.md#secrets-at-rest");
        } else {
            log.info("Secrets at rest are encrypted with key id {}", currentKeyId);
        }
    }

    SecretBox(String encryptionKey, List<String> previousKeys) {
        Map<String, SecretKey> byId = new LinkedHashMap<>();
        String current = null;
        if (encryptionKey != null && !encryptionKey.isBlank()) {
            SecretKey key = parse(encryptionKey, "portal.secrets.encryption-key");
            current = keyId(key);
            byId.put(current, key);
        }
        for (String previous : previousKeys) {
            SecretKey key = parse(previous, "portal.secrets.previous-encryption-keys");
            byId.putIfAbsent(keyId(key), key);
        }
        this.currentKeyId = current;
        this.keys = Map.copyOf(byId);
    }

    /** A box with the given current key (base64) and earlier ones; no key at all means clear storage. */
    public static SecretBox of(String encryptionKey, String... previousKeys) {
        return new SecretBox(encryptionKey, List.of(previousKeys));
    }

    /** Whether values are encrypted (a key is configured). */
    public boolean encrypts() {
        return currentKeyId != null;
    }

    /** The id of the key new values are sealed with, or null when they are kept in clear. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** The value as it should be stored: sealed with the current key, or as it is without one. */
    public String seal(String clear, String purpose) {
        if (currentKeyId == null) {
            return clear;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return PREFIX + currentKeyId + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The clear value of a stored one (sealed under any configured key, or clear). */
    public String open(String stored, String purpose) {
        if (!isSealed(stored)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String keyId = colon < 0 ? "" : rest.substring(0, colon);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new UndecryptableSecretException("a " + purpose + " is encrypted with key id " + keyId
                    + ", which is neither portal.secrets.encryption-key nor one of previous-encryption-keys");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(rest.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UndecryptableSecretException(
                    "a " + purpose + " encrypted with key id " + keyId + " does not decrypt: it was altered");
        }
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Whether the stored value is as {@link #seal} would store it now (else it should be re-sealed). */
    public boolean isCurrent(String stored) {
        return currentKeyId == null ? !isSealed(stored) : stored.startsWith(PREFIX + currentKeyId + ":");
    }

    private static SecretKey parse(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64 (use: openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes (AES-256) in base64, not " + bytes.length
                    + " (use: openssl rand -base64 32)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static String keyId(SecretKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** A sealed value that no configured key opens, or that was altered. */
    public static final class UndecryptableSecretException extends IllegalStateException {
        UndecryptableSecretException(String message) {
            super(message);
        }
    }
}
