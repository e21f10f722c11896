package org.migrationportal.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The token format of SPEC §7: {@code mcp_<public id>_<secret><checksum>}.
 * <ul>
 *   <li>{@code mcp_}: a fixed prefix, so secret scanners recognise a leaked token;</li>
 *   <li>public id: 12 base62 characters, the lookup key (not secret);</li>
 *   <li>secret: 32 base62 characters, about 190 bits, stored only as SHA-256;</li>
 *   <li>checksum: CRC32 of everything before it, 6 base62 characters, so a scanner can reject
 *       random look-alikes offline without asking the portal.</li>
 * </ul>
 */
final class TokenFormat {

    static final String PREFIX = "mcp_";
    static final int PUBLIC_ID_LENGTH = 12;
    static final int SECRET_LENGTH = 32;
    static final int CHECKSUM_LENGTH = 6;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenFormat() {}

    record Parts(String publicId, String secret) {}

    record Minted(String token, String publicId, String secretSha256) {}

    static Minted mint() {
        String publicId = random(PUBLIC_ID_LENGTH);
        String secret = random(SECRET_LENGTH);
        String body = PREFIX + publicId + "_" + secret;
        return new Minted(body + checksum(body), publicId, sha256(secret));
    }

    /** Splits a presented token into its parts, or empty when it is not one of ours (wrong shape or checksum). */
    static Optional<Parts> parse(String token) {
        int expected = PREFIX.length() + PUBLIC_ID_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH;
        if (token == null
                || token.length() != expected
                || !token.startsWith(PREFIX)
                || token.charAt(PREFIX.length() + PUBLIC_ID_LENGTH) != '_') {
            return Optional.empty();
        }
        String body = token.substring(0, expected - CHECKSUM_LENGTH);
        if (!checksum(body).equals(token.substring(expected - CHECKSUM_LENGTH))) {
            return Optional.empty();
        }
        String publicId = token.substring(PREFIX.length(), PREFIX.length() + PUBLIC_ID_LENGTH);
        String secret = body.substring(PREFIX.length() + PUBLIC_ID_LENGTH + 1);
        if (!isBase62(publicId) || !isBase62(secret)) {
            return Optional.empty();
        }
        return Optional.of(new Parts(publicId, secret));
    }

    static String sha256(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Compares hex digests in constant time. */
    static boolean sameDigest(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }

    private static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(BASE62.charAt(RANDOM.nextInt(62)));
        }
        return out.toString();
    }

    private static boolean isBase62(String value) {
        return value.chars().allMatch(c -> BASE62.indexOf(c) >= 0);
    }
}
