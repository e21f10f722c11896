package org.migrationportal.identity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A stored API token: never the secret itself, only its SHA-256. */
@Entity
@Table(name = "api_token")
class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "public_id", updatable = false)
    private String publicId;

    @Column(name = "secret_sha256", updatable = false)
    private String secretSha256;

    private String name;

    @Enumerated(EnumType.STRING)
    private ApiTokenKind kind;

    @Column(name = "project_id")
    private Long projectId;

    @Column(name = "user_id")
    private Long userId;

    private String scopes;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "api_token_environment", joinColumns = @JoinColumn(name = "token_id"))
    @Column(name = "environment_id")
    private Set<Long> environmentIds = new HashSet<>();

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    /** When the user last confirmed their password before issuing this personal token (null: not asked). */
    @Column(name = "password_confirmed_at", updatable = false)
    private Instant passwordConfirmedAt;

    protected ApiToken() {}

    ApiToken(
            String publicId,
            String secretSha256,
            String name,
            ApiTokenKind kind,
            Long projectId,
            Long userId,
            Set<TokenScope> scopes,
            Set<Long> environmentIds,
            String createdBy,
            Instant createdAt,
            Instant expiresAt,
            Instant passwordConfirmedAt) {
        this.publicId = publicId;
        this.secretSha256 = secretSha256;
        this.name = name;
        this.kind = kind;
        this.projectId = projectId;
        this.userId = userId;
        this.scopes = scopes.stream().map(TokenScope::value).sorted().collect(Collectors.joining(","));
        this.environmentIds = new HashSet<>(environmentIds);
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.passwordConfirmedAt = passwordConfirmedAt;
    }

    boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    Set<TokenScope> scopeSet() {
        if (scopes == null || scopes.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(scopes.split(","))
                .map(TokenScope::fromValue)
                .flatMap(java.util.Optional::stream)
                .collect(Collectors.toSet());
    }

    Long id() {
        return id;
    }

    String publicId() {
        return publicId;
    }

    String secretSha256() {
        return secretSha256;
    }

    String name() {
        return name;
    }

    ApiTokenKind kind() {
        return kind;
    }

    Long projectId() {
        return projectId;
    }

    Long userId() {
        return userId;
    }

    Set<Long> environmentIds() {
        return environmentIds;
    }

    String createdBy() {
        return createdBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant revokedAt() {
        return revokedAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }
}
