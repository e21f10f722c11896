package org.migrationportal.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The canonical serialisation of an audit entry and the chain hash over it (docs/audit.md).
 * <p>Canonical form: a one-line JSON object with exactly these keys in this order — {@code id, occurredAt,
 * actor, actorType, action, projectKey, environmentKey, targetType, targetId, clientAddress, details};
 * {@code id} is a JSON number, every other field a JSON string or an explicit {@code null}; times are
 * ISO-8601 UTC with exactly six fractional digits ({@code 2026-01-31T09:15:00.000000Z}); {@code details}
 * is the stored JSON text as a string (not re-parsed); strings escape only {@code "}, {@code \} and
 * control characters below U+0020 (as {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f} or
 * {@code \}{@code u00XX}); encoded as UTF-8 with no whitespace.
 * <p>Chain hash: {@code entry_hash = SHA-256(canonical(entry) ‖ prev_hash)} where {@code prev_hash} is the
 * predecessor's 32-byte hash (32 zero bytes for the first entry), stored as lowercase hex.
 * <p>Pure Java with no Spring, so the offline bundle verifier uses the very same code.
 */
public final class AuditCanonicalForm {

    /** The predecessor hash of the first entry in the chain. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private AuditCanonicalForm() {}

    public static String canonicalJson(AuditEntryView entry) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"id\":").append(entry.id());
        field(out, "occurredAt", entry.occurredAt() == null ? null : timestamp(entry.occurredAt()));
        field(out, "actor", entry.actor());
        field(out, "actorType", entry.actorType());
        field(out, "action", entry.action());
        field(out, "projectKey", entry.projectKey());
        field(out, "environmentKey", entry.environmentKey());
        field(out, "targetType", entry.targetType());
        field(out, "targetId", entry.targetId());
        field(out, "clientAddress", entry.clientAddress());
        field(out, "details", entry.details());
        return out.append('}').toString();
    }

    public static byte[] canonicalBytes(AuditEntryView entry) {
        return canonicalJson(entry).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code SHA-256(canonical(entry) ‖ prevHash)} as lowercase hex. */
    public static String chainHash(AuditEntryView entry, String prevHashHex) {
        return chainHash(sha256(), entry, prevHashHex);
    }

    /** Same as {@link #chainHash(AuditEntryView, String)} reusing a digest (hot loops: sealing, verification). */
    public static String chainHash(MessageDigest digest, AuditEntryView entry, String prevHashHex) {
        digest.reset();
        digest.update(canonicalBytes(entry));
        digest.update(HEX.parseHex(prevHashHex));
        return HEX.formatHex(digest.digest());
    }

    /** ISO-8601 UTC with exactly six fractional digits (years 0000–9999; hand-formatted: this runs once per exported row). */
    public static String timestamp(Instant instant) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return MICROS.format(instant.truncatedTo(ChronoUnit.MICROS));
        }
        char[] c = new char[27];
        digits(c, 0, t.getYear(), 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        c[19] = '.';
        digits(c, 20, instant.getNano() / 1000, 6);
        c[26] = 'Z';
        return new String(c);
    }

    private static void digits(char[] target, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            target[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
