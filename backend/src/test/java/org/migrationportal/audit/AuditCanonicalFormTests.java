package org.migrationportal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The canonical serialisation and chain hash exactly as docs/audit.md specifies them. */
class AuditCanonicalFormTests {

    static final AuditEntryView ENTRY = new AuditEntryView(
            42,
            Instant.parse("2026-01-31T09:15:00.1234567Z"),
            "alice",
            "user",
            "token.created",
            "shop",
            null,
            "token",
            "t-1",
            "10.0.0.1",
            "{\"note\":\"a \\\"b\\\"\"}");

    @Test
    void fieldsComeInTheDocumentedOrderWithExplicitNullsAndMicrosecondUtcTimes() {
        assertThat(AuditCanonicalForm.canonicalJson(ENTRY))
                .isEqualTo("{\"id\":42,\"occurredAt\":\"2026-01-31T09:15:00.123456Z\","
                        + "\"actor\":\"alice\",\"actorType\":\"user\",\"action\":\"token.created\",\"projectKey\":\"shop\","
                        + "\"environmentKey\":null,\"targetType\":\"token\",\"targetId\":\"t-1\",\"clientAddress\":\"10.0.0.1\","
                        + "\"details\":\"{\\\"note\\\":\\\"a \\\\\\\"b\\\\\\\"\\\"}\"}");
    }

    @Test
    void aWholeSecondStillHasSixFractionalDigits() {
        assertThat(AuditCanonicalForm.timestamp(Instant.parse("2026-01-31T09:15:00Z")))
                .isEqualTo("2026-01-31T09:15:00.000000Z");
    }

    @Test
    void controlCharactersAreEscapedAndUnicodeIsKeptAsUtf8() {
        AuditEntryView entry = new AuditEntryView(
                1, Instant.EPOCH, "zoë ✓", "user", "a", null, null, null, null, null, "line1\nline2\t\u0001");
        String json = AuditCanonicalForm.canonicalJson(entry);
        assertThat(json).contains("\"actor\":\"zoë ✓\"").contains("\"details\":\"line1\\nline2\\t\\u0001\"");
        assertThat(AuditCanonicalForm.canonicalBytes(entry)).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theChainHashIsSha256OverTheCanonicalBytesFollowedByThePreviousHash() {
        byte[] canonical = AuditCanonicalForm.canonicalBytes(ENTRY);
        byte[] prev = new byte[32];
        byte[] input = new byte[canonical.length + 32];
        System.arraycopy(canonical, 0, input, 0, canonical.length);
        System.arraycopy(prev, 0, input, canonical.length, 32);
        String expected = HexFormat.of().formatHex(AuditCanonicalForm.sha256().digest(input));
        assertThat(AuditCanonicalForm.chainHash(ENTRY, AuditCanonicalForm.GENESIS_HASH))
                .isEqualTo(expected)
                .hasSize(64);
        assertThat(AuditCanonicalForm.chainHash(ENTRY, "11".repeat(32))).isNotEqualTo(expected);
    }

    @Test
    void anyChangedFieldChangesTheHash() {
        String original = AuditCanonicalForm.chainHash(ENTRY, AuditCanonicalForm.GENESIS_HASH);
        AuditEntryView nullInsteadOfEmpty = new AuditEntryView(
                42,
                ENTRY.occurredAt(),
                "alice",
                "user",
                "token.created",
                "shop",
                "",
                "token",
                "t-1",
                "10.0.0.1",
                ENTRY.details());
        assertThat(AuditCanonicalForm.chainHash(nullInsteadOfEmpty, AuditCanonicalForm.GENESIS_HASH))
                .isNotEqualTo(original);
    }
}
