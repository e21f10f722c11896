package org.migrationportal.audit;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a hash chain streamed in entry-id order, one (entry, link) pair at a time, in constant memory
 * apart from the checkpoints. Either side of a pair may be missing: an entry without a link is unsealed
 * (fine at the tail, a problem before a later link); a link without an entry means the entry was deleted.
 * Pure Java: the API, the audit page and the offline bundle verifier all use it.
 */
public final class ChainVerification {

    private static final int MAX_PROBLEMS = 100;

    private final MessageDigest digest = AuditCanonicalForm.sha256();
    private final Map<Long, List<AuditCheckpoint>> checkpointsByEntry = new HashMap<>();
    private final Set<Long> reachedCheckpoints = new HashSet<>();
    private final List<AuditCheckpoint> checkpoints;
    private final List<ChainProblem> problems = new ArrayList<>();
    private final boolean fromGenesis;
    private final long started = System.nanoTime();

    private String prevHash;
    private long entryCount;
    private long sealedCount;
    private long unsealedSinceLastLink;
    private Long firstUnchainedId;
    private Long headEntryId;
    private Long firstLinkedId;

    /**
     * @param expectedFirstPrevHash the predecessor hash the first link must name: {@link AuditCanonicalForm#GENESIS_HASH}
     *                              for a whole chain, a recorded hash for a range, or null to accept any
     * @param checkpoints           checkpoints to check the chain against (may be empty)
     * @param publicKey             the key their signatures must verify with, or null to skip signature checks
     */
    public ChainVerification(String expectedFirstPrevHash, List<AuditCheckpoint> checkpoints, PublicKey publicKey) {
        this.prevHash = expectedFirstPrevHash;
        this.fromGenesis = AuditCanonicalForm.GENESIS_HASH.equals(expectedFirstPrevHash);
        this.checkpoints = checkpoints.stream()
                .sorted(Comparator.comparingLong(AuditCheckpoint::sequence))
                .toList();
        for (AuditCheckpoint checkpoint : this.checkpoints) {
            if (publicKey != null && !CheckpointSignatures.verify(publicKey, checkpoint)) {
                problem(
                        checkpoint.lastEntryId(),
                        checkpoint.sequence(),
                        "checkpoint-signature",
                        "Checkpoint #" + checkpoint.sequence() + " does not carry a valid signature of the portal's key"
                                + " (key id " + checkpoint.keyId() + "): it was forged or altered.");
            }
            checkpointsByEntry
                    .computeIfAbsent(checkpoint.lastEntryId(), id -> new ArrayList<>())
                    .add(checkpoint);
        }
    }

    /** Feeds the next pair in ascending id order; {@code entry} or {@code link} may be null, not both. */
    public void accept(AuditEntryView entry, ChainLink link) {
        if (entry != null) {
            entryCount++;
        }
        if (link == null) {
            if (firstUnchainedId == null) {
                firstUnchainedId = entry.id();
            }
            unsealedSinceLastLink++;
            return;
        }
        long id = link.entryId();
        if (firstUnchainedId != null) {
            problem(
                    firstUnchainedId,
                    null,
                    "entry-not-chained",
                    "Entry " + firstUnchainedId + " lies before sealed entry " + id
                            + " but is not in the chain: it was inserted out of band.");
            firstUnchainedId = null;
        }
        unsealedSinceLastLink = 0;
        if (firstLinkedId == null) {
            firstLinkedId = id;
        }
        if (prevHash != null && !prevHash.equals(link.prevHash())) {
            problem(
                    id,
                    null,
                    "link-broken",
                    "The chain link of entry " + id + " does not follow "
                            + (headEntryId == null ? "the start of the chain" : "entry " + headEntryId)
                            + ": an entry between them was removed, or links were reordered or rewritten.");
        }
        if (entry == null) {
            problem(id, null, "entry-missing", "Entry " + id + " was deleted: its chain link remains.");
        } else {
            String recomputed = AuditCanonicalForm.chainHash(digest, entry, link.prevHash());
            if (!recomputed.equals(link.entryHash())) {
                problem(
                        id,
                        null,
                        "hash-mismatch",
                        "Entry " + id + " does not match its sealed hash: its content was changed after sealing.");
            }
        }
        sealedCount++;
        prevHash = link.entryHash();
        headEntryId = id;
        List<AuditCheckpoint> here = checkpointsByEntry.get(id);
        if (here != null) {
            for (AuditCheckpoint checkpoint : here) {
                reachedCheckpoints.add(checkpoint.sequence());
                if (!checkpoint.entryHash().equals(link.entryHash())) {
                    problem(
                            id,
                            checkpoint.sequence(),
                            "checkpoint-mismatch",
                            "The chain hash at entry " + id + " differs from checkpoint #" + checkpoint.sequence()
                                    + ": the chain was rewritten.");
                } else if (fromGenesis && checkpoint.entryCount() != sealedCount) {
                    problem(
                            id,
                            checkpoint.sequence(),
                            "checkpoint-count",
                            "Checkpoint #" + checkpoint.sequence()
                                    + " counts " + checkpoint.entryCount() + " chained entries up to entry " + id
                                    + ", the chain has "
                                    + sealedCount + ": entries were removed or added.");
                }
            }
        }
    }

    public ChainVerificationResult finish() {
        for (AuditCheckpoint checkpoint : checkpoints) {
            if (reachedCheckpoints.contains(checkpoint.sequence())) {
                continue;
            }
            long last = checkpoint.lastEntryId();
            if (!fromGenesis && firstLinkedId != null && last < firstLinkedId) {
                continue; // before the verified range
            }
            if (headEntryId == null || last > headEntryId) {
                problem(
                        headEntryId,
                        checkpoint.sequence(),
                        "truncated",
                        "The chain ends at "
                                + (headEntryId == null ? "no entry" : "entry " + headEntryId) + ", but checkpoint #"
                                + checkpoint.sequence()
                                + " covers entries up to " + last + ": the tail of the trail was removed.");
            } else {
                problem(
                        last,
                        checkpoint.sequence(),
                        "checkpoint-missing-entry",
                        "Checkpoint #" + checkpoint.sequence() + " ends at entry " + last
                                + ", which is no longer in the chain.");
            }
        }
        AuditCheckpoint latest = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        Boolean reachesLatest = null;
        if (latest != null) {
            reachesLatest = reachedCheckpoints.contains(latest.sequence())
                    && problems.stream()
                            .noneMatch(p -> latest.sequence()
                                    == (p.checkpointSequence() == null ? -1 : p.checkpointSequence()));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new ChainVerificationResult(
                problems.isEmpty(),
                entryCount,
                sealedCount,
                unsealedSinceLastLink,
                headEntryId,
                headEntryId == null ? null : prevHash,
                checkpoints.size(),
                latest == null ? null : latest.sequence(),
                latest == null ? null : latest.lastEntryId(),
                reachesLatest,
                problems.isEmpty() ? null : problems.get(0),
                problems.size(),
                millis);
    }

    private void problem(Long entryId, Long checkpointSequence, String kind, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new ChainProblem(entryId, checkpointSequence, kind, message));
        }
    }
}
