package org.migrationportal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ChainVerification} in plain Java, against chains built here: each way of tampering that the chain
 * and its checkpoints exist to reveal, above all the superuser who rewrites an entry and recomputes every
 * later link and hash (only a checkpoint kept outside the database reveals that) or slips an entry in.
 */
class ChainVerificationTests {

    static final String GENESIS = AuditCanonicalForm.GENESIS_HASH;
    static final KeyPair KEY = keyPair();

    /** Entries with ids 10, 20, ... and their correct links. */
    static List<AuditEntryView> entries(int count) {
        List<AuditEntryView> entries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            entries.add(entry(i * 10L, "{\"note\":\"entry " + i + "\"}"));
        }
        return entries;
    }

    static AuditEntryView entry(long id, String details) {
        return new AuditEntryView(
                id,
                Instant.parse("2026-11-21T14:00:00Z").plusSeconds(id),
                "alice",
                "user",
                "test.verification",
                "shop",
                "prod",
                "deployment",
                String.valueOf(id),
                "127.0.0.1",
                details);
    }

    /** The links an honest sealer computes (or a superuser who rehashes everything after a change). */
    static List<ChainLink> links(List<AuditEntryView> entries, String firstPrevHash) {
        List<ChainLink> links = new ArrayList<>();
        String prev = firstPrevHash;
        for (AuditEntryView entry : entries) {
            String hash = AuditCanonicalForm.chainHash(entry, prev);
            links.add(new ChainLink(entry.id(), prev, hash));
            prev = hash;
        }
        return links;
    }

    /** A checkpoint signed with the test key after {@code count} chained entries. */
    static AuditCheckpoint checkpoint(long sequence, List<ChainLink> links, int count) {
        ChainLink last = links.get(count - 1);
        Instant sealedAt = Instant.parse("2026-11-21T15:00:00Z").plusSeconds(sequence);
        byte[] payload = AuditCheckpoint.payload(sequence, last.entryId(), count, last.entryHash(), sealedAt);
        return new AuditCheckpoint(
                sequence,
                last.entryId(),
                last.entryHash(),
                count,
                sealedAt,
                CheckpointSignatures.keyId(KEY.getPublic()),
                sign(payload));
    }

    static ChainVerificationResult verify(
            List<AuditEntryView> entries, List<ChainLink> links, List<AuditCheckpoint> checkpoints) {
        return verify(GENESIS, entries, links, checkpoints);
    }

    /** Feeds entries and links merged by id, as AuditChain and the bundle verifier do. */
    static ChainVerificationResult verify(
            String firstPrevHash,
            List<AuditEntryView> entries,
            List<ChainLink> links,
            List<AuditCheckpoint> checkpoints) {
        ChainVerification verification = new ChainVerification(firstPrevHash, checkpoints, KEY.getPublic());
        int e = 0;
        int l = 0;
        while (e < entries.size() || l < links.size()) {
            AuditEntryView entry = e < entries.size() ? entries.get(e) : null;
            ChainLink link = l < links.size() ? links.get(l) : null;
            if (link == null || (entry != null && entry.id() < link.entryId())) {
                verification.accept(entry, null);
                e++;
            } else if (entry == null || link.entryId() < entry.id()) {
                verification.accept(null, link);
                l++;
            } else {
                verification.accept(entry, link);
                e++;
                l++;
            }
        }
        return verification.finish();
    }

    @Test
    void anHonestChainIsValidAndReachesItsLatestCheckpoint() {
        List<AuditEntryView> entries = entries(5);
        List<ChainLink> links = links(entries, GENESIS);
        List<AuditCheckpoint> checkpoints = List.of(checkpoint(2, links, 5), checkpoint(1, links, 3));

        ChainVerificationResult result = verify(entries, links, checkpoints);

        assertThat(result.valid()).isTrue();
        assertThat(result.firstProblem()).isNull();
        assertThat(result.problemCount()).isZero();
        assertThat(result.entryCount()).isEqualTo(5);
        assertThat(result.sealedCount()).isEqualTo(5);
        assertThat(result.unsealedCount()).isZero();
        assertThat(result.chainHeadEntryId()).isEqualTo(50);
        assertThat(result.chainHeadHash()).isEqualTo(links.get(4).entryHash());
        assertThat(result.checkpointsChecked()).isEqualTo(2);
        assertThat(result.latestCheckpointSequence()).isEqualTo(2);
        assertThat(result.latestCheckpointEntryId()).isEqualTo(50);
        assertThat(result.reachesLatestCheckpoint()).isTrue();
        assertThat(result.durationMillis()).isNotNegative();
    }

    @Test
    void withoutCheckpointsNothingIsSaidAboutThem() {
        ChainVerificationResult result = verify(entries(0), List.of(), List.of());

        assertThat(result.valid()).isTrue();
        assertThat(result.chainHeadEntryId()).isNull();
        assertThat(result.chainHeadHash()).isNull();
        assertThat(result.reachesLatestCheckpoint()).isNull();
        assertThat(result.latestCheckpointSequence()).isNull();
        assertThat(result.latestCheckpointEntryId()).isNull();
    }

    @Test
    void anEntryRewrittenWithEveryLaterLinkRehashedIsRevealedOnlyByAnExternalCheckpoint() {
        List<AuditEntryView> entries = entries(5);
        List<ChainLink> honest = links(entries, GENESIS);
        AuditCheckpoint keptElsewhere = checkpoint(1, honest, 5);

        List<AuditEntryView> rewritten = new ArrayList<>(entries);
        rewritten.set(1, entry(20, "{\"note\":\"approved by nobody\"}"));
        List<ChainLink> rehashed = links(rewritten, GENESIS);

        assertThat(verify(rewritten, rehashed, List.of()).valid())
                .as("the chain alone is consistent again: this is what a checkpoint outside the database is for")
                .isTrue();
        ChainVerificationResult result = verify(rewritten, rehashed, List.of(keptElsewhere));
        assertThat(result.valid()).isFalse();
        assertThat(result.firstProblem().kind()).isEqualTo("checkpoint-mismatch");
        assertThat(result.firstProblem().entryId()).isEqualTo(50);
        assertThat(result.firstProblem().checkpointSequence()).isEqualTo(1);
        assertThat(result.firstProblem().message()).contains("entry 50", "#1", "rewritten");
        assertThat(result.reachesLatestCheckpoint()).isFalse();
    }

    @Test
    void anEntryRewrittenWithoutRehashingIsNamedByItsHash() {
        List<AuditEntryView> entries = entries(3);
        List<ChainLink> links = links(entries, GENESIS);
        List<AuditEntryView> rewritten = new ArrayList<>(entries);
        rewritten.set(1, entry(20, "{\"note\":\"changed\"}"));

        ChainVerificationResult result = verify(rewritten, links, List.of());

        assertThat(result.valid()).isFalse();
        assertThat(result.problemCount()).isEqualTo(1);
        assertThat(result.firstProblem().kind()).isEqualTo("hash-mismatch");
        assertThat(result.firstProblem().entryId()).isEqualTo(20);
        assertThat(result.firstProblem().checkpointSequence()).isNull();
    }

    @Test
    void anEntryInsertedOutOfBandBeforeSealedEntriesIsNamed() {
        List<AuditEntryView> entries = entries(3);
        List<ChainLink> links = links(entries, GENESIS);
        List<AuditEntryView> withInserted = new ArrayList<>(entries);
        withInserted.add(1, entry(15, "{\"note\":\"slipped in\"}"));
        withInserted.add(2, entry(16, "{\"note\":\"and another\"}"));

        ChainVerificationResult result = verify(withInserted, links, List.of());

        assertThat(result.valid()).isFalse();
        assertThat(result.problemCount()).isEqualTo(1);
        assertThat(result.firstProblem().kind()).isEqualTo("entry-not-chained");
        assertThat(result.firstProblem().entryId()).isEqualTo(15);
        assertThat(result.firstProblem().message()).contains("Entry 15", "sealed entry 20", "out of band");
        assertThat(result.entryCount()).isEqualTo(5);
        assertThat(result.sealedCount()).isEqualTo(3);
        assertThat(result.unsealedCount()).isZero();
    }

    @Test
    void anEntryInsertedOutOfBandAndChainedByRehashingIsRevealedByTheExternalCheckpoint() {
        List<AuditEntryView> entries = entries(3);
        AuditCheckpoint keptElsewhere = checkpoint(1, links(entries, GENESIS), 3);
        List<AuditEntryView> withInserted = new ArrayList<>(entries);
        withInserted.add(1, entry(15, "{\"note\":\"slipped in\"}"));
        List<ChainLink> rehashed = links(withInserted, GENESIS);

        assertThat(verify(withInserted, rehashed, List.of()).valid()).isTrue();
        ChainVerificationResult result = verify(withInserted, rehashed, List.of(keptElsewhere));
        assertThat(result.valid()).isFalse();
        assertThat(result.firstProblem().kind()).isEqualTo("checkpoint-mismatch");
    }

    @Test
    void aCheckpointWhoseHashMatchesButCountsFewerEntriesRevealsEntriesAddedBeforeIt() {
        List<AuditEntryView> entries = entries(3);
        List<ChainLink> links = links(entries, GENESIS);
        ChainLink last = links.get(2);
        Instant sealedAt = Instant.parse("2026-11-21T15:00:00Z");
        AuditCheckpoint countsTwo = new AuditCheckpoint(
                1,
                last.entryId(),
                last.entryHash(),
                2,
                sealedAt,
                "k",
                sign(AuditCheckpoint.payload(1, last.entryId(), 2, last.entryHash(), sealedAt)));

        ChainVerificationResult result = verify(entries, links, List.of(countsTwo));

        assertThat(result.valid()).isFalse();
        assertThat(result.firstProblem().kind()).isEqualTo("checkpoint-count");
        assertThat(result.firstProblem().message()).contains("counts 2", "has 3");
        assertThat(result.reachesLatestCheckpoint()).isFalse();
    }

    @Test
    void theCountIsNotCheckedWhenARangeIsVerified() {
        List<AuditEntryView> entries = entries(4);
        List<ChainLink> links = links(entries, GENESIS);
        AuditCheckpoint whole = checkpoint(1, links, 4);

        ChainVerificationResult range =
                verify(links.get(1).entryHash(), entries.subList(2, 4), links.subList(2, 4), List.of(whole));

        assertThat(range.valid()).isTrue();
        assertThat(range.reachesLatestCheckpoint()).isTrue();
        assertThat(range.sealedCount()).isEqualTo(2);
    }

    @Test
    void aRangeIgnoresCheckpointsBeforeItButNotAfterIt() {
        List<AuditEntryView> entries = entries(4);
        List<ChainLink> links = links(entries, GENESIS);
        AuditCheckpoint before = checkpoint(1, links, 1);
        AuditCheckpoint after = checkpoint(2, links, 4);

        ChainVerificationResult result =
                verify(null, entries.subList(1, 3), links.subList(1, 3), List.of(before, after));

        assertThat(result.problemCount()).isEqualTo(1);
        assertThat(result.firstProblem().kind()).isEqualTo("truncated");
        assertThat(result.firstProblem().checkpointSequence()).isEqualTo(2);
    }

    @Test
    void anyFirstPredecessorIsAcceptedWhenNoneIsExpected() {
        List<AuditEntryView> entries = entries(3);
        List<ChainLink> links = links(entries, "ab".repeat(32));

        assertThat(verify(null, entries, links, List.of()).valid()).isTrue();
        ChainVerificationResult fromGenesis = verify(entries, links, List.of());
        assertThat(fromGenesis.valid()).isFalse();
        assertThat(fromGenesis.firstProblem().kind()).isEqualTo("link-broken");
        assertThat(fromGenesis.firstProblem().message()).contains("the start of the chain");
    }

    @Test
    void anEntryDeletedWithItsLinkBreaksTheNextLink() {
        List<AuditEntryView> entries = entries(3);
        List<ChainLink> links = links(entries, GENESIS);

        ChainVerificationResult result =
                verify(List.of(entries.get(0), entries.get(2)), List.of(links.get(0), links.get(2)), List.of());

        assertThat(result.valid()).isFalse();
        assertThat(result.problemCount()).isEqualTo(1);
        assertThat(result.firstProblem().kind()).isEqualTo("link-broken");
        assertThat(result.firstProblem().entryId()).isEqualTo(30);
        assertThat(result.firstProblem().message()).contains("entry 30", "follow entry 10");
    }

    @Test
    void anEntryDeletedWithoutItsLinkIsNamed() {
        List<AuditEntryView> entries = entries(3);
        List<ChainLink> links = links(entries, GENESIS);

        ChainVerificationResult result = verify(List.of(entries.get(0), entries.get(2)), links, List.of());

        assertThat(result.valid()).isFalse();
        assertThat(result.problemCount()).isEqualTo(1);
        assertThat(result.firstProblem().kind()).isEqualTo("entry-missing");
        assertThat(result.firstProblem().entryId()).isEqualTo(20);
        assertThat(result.entryCount()).isEqualTo(2);
        assertThat(result.sealedCount()).isEqualTo(3);
        assertThat(result.chainHeadEntryId()).isEqualTo(30);
    }

    @Test
    void unsealedEntriesAtTheTailAreCountedButAreNoProblem() {
        List<AuditEntryView> entries = entries(4);
        List<ChainLink> links = links(entries.subList(0, 2), GENESIS);

        ChainVerificationResult result = verify(entries, links, List.of());

        assertThat(result.valid()).isTrue();
        assertThat(result.entryCount()).isEqualTo(4);
        assertThat(result.sealedCount()).isEqualTo(2);
        assertThat(result.unsealedCount()).isEqualTo(2);
        assertThat(result.chainHeadEntryId()).isEqualTo(20);
    }

    @Test
    void aTruncatedTailIsCaughtByACheckpointBeyondTheHead() {
        List<AuditEntryView> entries = entries(4);
        List<ChainLink> links = links(entries, GENESIS);
        AuditCheckpoint latest = checkpoint(1, links, 4);

        ChainVerificationResult result = verify(entries.subList(0, 2), links.subList(0, 2), List.of(latest));

        assertThat(result.valid()).isFalse();
        assertThat(result.firstProblem().kind()).isEqualTo("truncated");
        assertThat(result.firstProblem().entryId()).isEqualTo(20);
        assertThat(result.firstProblem().message()).contains("ends at entry 20", "up to 40");
        assertThat(result.reachesLatestCheckpoint()).isFalse();
    }

    @Test
    void aWhollyDeletedChainIsCaughtByAnyCheckpoint() {
        List<AuditEntryView> entries = entries(2);
        AuditCheckpoint latest = checkpoint(1, links(entries, GENESIS), 2);

        ChainVerificationResult result = verify(List.of(), List.of(), List.of(latest));

        assertThat(result.valid()).isFalse();
        assertThat(result.firstProblem().kind()).isEqualTo("truncated");
        assertThat(result.firstProblem().message()).contains("ends at no entry");
    }

    @Test
    void aCheckpointAtAnEntryNoLongerChainedIsNamed() {
        List<AuditEntryView> entries = entries(3);
        List<ChainLink> links = links(entries, GENESIS);
        AuditCheckpoint atSecond = checkpoint(1, links, 2);
        List<ChainLink> withoutSecond = List.of(
                links.get(0),
                new ChainLink(
                        30,
                        links.get(0).entryHash(),
                        AuditCanonicalForm.chainHash(
                                entries.get(2), links.get(0).entryHash())));

        ChainVerificationResult result =
                verify(List.of(entries.get(0), entries.get(2)), withoutSecond, List.of(atSecond));

        assertThat(result.valid()).isFalse();
        assertThat(result.firstProblem().kind()).isEqualTo("checkpoint-missing-entry");
        assertThat(result.firstProblem().entryId()).isEqualTo(20);
        assertThat(result.firstProblem().message()).contains("ends at entry 20");
    }

    @Test
    void aForgedCheckpointFailsItsSignatureButAnUnsignedCheckIsPossible() {
        List<AuditEntryView> entries = entries(2);
        List<ChainLink> links = links(entries, GENESIS);
        AuditCheckpoint real = checkpoint(1, links, 2);
        AuditCheckpoint forged = new AuditCheckpoint(
                real.sequence(),
                real.lastEntryId(),
                real.entryHash(),
                real.entryCount(),
                real.sealedAt().plusSeconds(1),
                real.keyId(),
                real.signature());

        ChainVerificationResult result = verify(entries, links, List.of(forged));
        assertThat(result.valid()).isFalse();
        assertThat(result.problemCount()).isEqualTo(1);
        assertThat(result.firstProblem().kind()).isEqualTo("checkpoint-signature");
        assertThat(result.firstProblem().checkpointSequence()).isEqualTo(1);
        assertThat(result.firstProblem().entryId()).isEqualTo(20);
        assertThat(result.reachesLatestCheckpoint()).isFalse();

        ChainVerification unsigned = new ChainVerification(GENESIS, List.of(forged), null);
        unsigned.accept(entries.get(0), links.get(0));
        unsigned.accept(entries.get(1), links.get(1));
        assertThat(unsigned.finish().valid()).isTrue();
    }

    @Test
    void aProblemWithAnEarlierCheckpointDoesNotStopTheLatestFromBeingReached() {
        List<AuditEntryView> entries = entries(3);
        List<ChainLink> links = links(entries, GENESIS);
        AuditCheckpoint earlier = checkpoint(1, links, 1);
        AuditCheckpoint forgedEarlier =
                new AuditCheckpoint(1, 10, earlier.entryHash(), 1, earlier.sealedAt(), "k", null);

        ChainVerificationResult result = verify(entries, links, List.of(forgedEarlier, checkpoint(2, links, 3)));

        assertThat(result.valid()).isFalse();
        assertThat(result.reachesLatestCheckpoint()).isTrue();
    }

    @Test
    void problemsAreCappedAtOneHundred() {
        List<AuditEntryView> entries = entries(150);
        List<ChainLink> links = links(entries, GENESIS);
        List<AuditEntryView> allChanged =
                entries.stream().map(e -> entry(e.id(), "{}")).toList();

        ChainVerificationResult result = verify(allChanged, links, List.of());

        assertThat(result.problemCount()).isEqualTo(100);
        assertThat(result.firstProblem().entryId()).isEqualTo(10);
    }

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance(CheckpointSignatures.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(byte[] payload) {
        try {
            Signature signer = Signature.getInstance(CheckpointSignatures.ALGORITHM);
            signer.initSign(KEY.getPrivate());
            signer.update(payload);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
