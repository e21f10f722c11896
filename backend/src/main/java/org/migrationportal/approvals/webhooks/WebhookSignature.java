package org.migrationportal.approvals.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature headers of one attempt, after <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>:
 * {@code webhook-id} (the same on every retry), {@code webhook-timestamp} (seconds since the epoch, this
 * attempt) and {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. A receiver that
 * refuses timestamps older than a few minutes cannot be fed a captured delivery again (replay).
 * The HMAC key is the secret's bytes: base64 after {@code whsec_}.
 *
 * <p>{@code X-Portal-Signature: sha256=<hex HMAC of the body>} is still sent for receivers written before;
 * it carries no timestamp, so it does not protect against replay (deprecated, docs/approvals.md).
 */
final class WebhookSignature {

    static final String PREFIX = "whsec_";

    private WebhookSignature() {}

    static Map<String, String> headers(String secret, String messageId, long timestampSeconds, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", messageId);
        headers.put("webhook-timestamp", String.valueOf(timestampSeconds));
        headers.put("webhook-signature", "v1," + standard(secret, messageId, timestampSeconds, body));
        headers.put("X-Portal-Signature", "sha256=" + legacy(secret, body));
        return headers;
    }

    static String standard(String secret, String messageId, long timestampSeconds, String body) {
        byte[] signed = hmac(
                keyBytes(secret), (messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signed);
    }

    static String legacy(String secret, String body) {
        return HexFormat.of()
                .formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Secrets made since Standard Webhooks are standard base64; earlier ones were URL-safe base64. */
    static byte[] keyBytes(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException notStandard) {
            return Base64.getUrlDecoder().decode(encoded);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
