package org.migrationportal.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed statement of the chain head at one seal: after {@code entryCount} chained entries, the last
 * one being {@code lastEntryId}, the chain hash was {@code entryHash}. Publish these elsewhere: a copy
 * outside the database is what reveals a truncated tail or a rewrite by a database superuser.
 */
public record AuditCheckpoint(
        long sequence,
        long lastEntryId,
        String entryHash,
        long entryCount,
        Instant sealedAt,
        String keyId,
        String signature) {

    /**
     * The exact bytes that are signed (Ed25519): the lines {@code portal-audit-checkpoint/v1}, sequence,
     * last entry id, entry count, entry hash and seal time (ISO-8601 UTC, microseconds), joined by
     * {@code \n}, UTF-8.
     */
    public byte[] signedPayload() {
        return payload(sequence, lastEntryId, entryCount, entryHash, sealedAt);
    }

    static byte[] payload(long sequence, long lastEntryId, long entryCount, String entryHash, Instant sealedAt) {
        return String.join(
                        "\n",
                        "portal-audit-checkpoint/v1",
                        Long.toString(sequence),
                        Long.toString(lastEntryId),
                        Long.toString(entryCount),
                        entryHash,
                        AuditCanonicalForm.timestamp(sealedAt))
                .getBytes(StandardCharsets.UTF_8);
    }
}
