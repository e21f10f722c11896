package org.migrationportal.shared;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code portal.secrets.*}: the key that encrypts secrets the portal must keep readable (webhook signing
 * secrets, the audit signing key).
 *
 * @param encryptionKey          base64 of 32 random bytes (AES-256); unset means secrets are stored in clear,
 *                               with a warning at every start (docs/security.md#secrets-at-rest)
 * @param previousEncryptionKeys keys that sealed values may still be under after a rotation: read, and
 *                               re-encrypted with the current key at start
 */
@ConfigurationProperties("portal.secrets")
public record SecretsProperties(String encryptionKey, List<String> previousEncryptionKeys) {

    public SecretsProperties {
        previousEncryptionKeys = previousEncryptionKeys == null
                ? List.of()
                : previousEncryptionKeys.stream().filter(k -> !k.isBlank()).toList();
    }
}
