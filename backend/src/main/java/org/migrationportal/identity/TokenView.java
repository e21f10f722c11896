package org.migrationportal.identity;

import java.time.Instant;
import java.util.List;

/** A token as listed on pages and in the API: everything but the secret. */
public record TokenView(
        long id,
        String publicId,
        String name,
        ApiTokenKind kind,
        String project,
        String owner,
        List<String> scopes,
        List<String> environments,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        Instant lastUsedAt,
        boolean active)
        implements java.io.Serializable {}
