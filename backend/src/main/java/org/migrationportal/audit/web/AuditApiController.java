package org.migrationportal.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.migrationportal.audit.AuditChain;
import org.migrationportal.audit.AuditCheckpoint;
import org.migrationportal.audit.AuditPublicKey;
import org.migrationportal.audit.ChainVerificationResult;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit chain over the API. Verification is for auditors and admins. Checkpoints and the public key
 * hold no business data (ids, hashes, times, signatures), and their value lies in being copied off the
 * portal, so auditors, admins and project tokens with the {@code read} scope may fetch them.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditApiController {

    private final AuditChain chain;

    AuditApiController(AuditChain chain) {
        this.chain = chain;
    }

    @GetMapping("/public-key")
    @PreAuthorize("hasRole('AUDITOR') or hasAuthority('SCOPE_read')")
    @Operation(summary = "The Ed25519 public key that verifies checkpoint signatures")
    AuditPublicKey publicKey() {
        return chain.publicKey();
    }

    @GetMapping("/checkpoints")
    @PreAuthorize("hasRole('AUDITOR') or hasAuthority('SCOPE_read')")
    @Operation(summary = "Signed checkpoints, oldest first; page with afterSequence = the last sequence you hold")
    CheckpointPage checkpoints(
            @RequestParam(defaultValue = "0") @PositiveOrZero long afterSequence,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<AuditCheckpoint> items = chain.checkpoints(afterSequence, limit + 1);
        boolean more = items.size() > limit;
        List<AuditCheckpoint> page = more ? items.subList(0, limit) : items;
        Long next = page.isEmpty() ? null : page.get(page.size() - 1).sequence();
        return new CheckpointPage(page, more, next);
    }

    @GetMapping("/verify")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Recompute the whole chain and check it against the stored checkpoints")
    ChainVerificationResult verify() {
        return chain.verify();
    }

    @PostMapping("/verify")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Recompute the whole chain and check it against checkpoints you kept elsewhere")
    ChainVerificationResult verifyAgainst(@Valid @RequestBody SuppliedCheckpoints body) {
        return chain.verify(body.checkpoints().stream()
                .map(SuppliedCheckpoint::toCheckpoint)
                .toList());
    }

    record CheckpointPage(List<AuditCheckpoint> items, boolean hasMore, Long nextAfterSequence) {}

    record SuppliedCheckpoints(@NotNull @Size(max = 100_000) List<@Valid @NotNull SuppliedCheckpoint> checkpoints) {}

    record SuppliedCheckpoint(
            @NotNull @Min(1) Long sequence,
            @NotNull @Min(1) Long lastEntryId,

            @NotBlank @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lowercase hex digits")
            String entryHash,

            @NotNull @PositiveOrZero Long entryCount,
            @NotNull Instant sealedAt,
            @Size(max = 64) String keyId,
            @NotBlank @Size(max = 200) String signature) {

        AuditCheckpoint toCheckpoint() {
            return new AuditCheckpoint(sequence, lastEntryId, entryHash, entryCount, sealedAt, keyId, signature);
        }
    }
}
