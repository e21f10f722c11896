package org.migrationportal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Verification recomputes the chain and names the first entry that no longer matches, for each way a
 * superuser (triggers disabled) can tamper with the trail; external checkpoints catch what the database alone cannot.
 */
@PortalIntegrationTest
class AuditChainVerificationTests {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditChain chain;

    @Autowired
    JdbcClient jdbc;

    long first;
    long second;
    long third;

    @BeforeEach
    void threeSealedEntries() {
        first = record("one");
        second = record("two, with \"quotes\", commas\nand a newline — ünïcödé");
        third = record("three");
        chain.sealNow(Duration.ofSeconds(30));
        assertThat(chain.verify().valid()).as("chain before tampering").isTrue();
    }

    @Test
    void anUntouchedChainIsValidAndReachesItsLatestCheckpoint() {
        ChainVerificationResult result = chain.verify();
        assertThat(result.valid()).isTrue();
        assertThat(result.firstProblem()).isNull();
        assertThat(result.reachesLatestCheckpoint()).isTrue();
        assertThat(result.chainHeadEntryId()).isEqualTo(third);
        assertThat(result.entryCount()).isGreaterThanOrEqualTo(3);
        assertThat(result.sealedCount()).isEqualTo(result.entryCount());
        assertThat(result.chainHeadHash())
                .isEqualTo(chain.status().latestCheckpoint().entryHash());
    }

    @Test
    void anEditedEntryIsNamed() {
        AuditTampering.save("saved_entry", "audit_entry", "id = " + second);
        try {
            AuditTampering.asSuperuser(
                    "UPDATE audit_entry SET details = '{\"note\":\"rewritten\"}' WHERE id = " + second);
            ChainVerificationResult result = chain.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstProblem().entryId()).isEqualTo(second);
            assertThat(result.firstProblem().kind()).isEqualTo("hash-mismatch");
            assertThat(result.firstProblem().message()).contains("Entry " + second);
        } finally {
            AuditTampering.asSuperuser(
                    "DELETE FROM audit_entry WHERE id = " + second,
                    AuditTampering.restore("saved_entry", "audit_entry"));
        }
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void aDeletedEntryIsNamed() {
        AuditTampering.save("saved_entry", "audit_entry", "id = " + second);
        try {
            AuditTampering.asSuperuser("DELETE FROM audit_entry WHERE id = " + second);
            ChainVerificationResult result = chain.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstProblem().entryId()).isEqualTo(second);
            assertThat(result.firstProblem().kind()).isEqualTo("entry-missing");
        } finally {
            AuditTampering.asSuperuser(AuditTampering.restore("saved_entry", "audit_entry"));
        }
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void anEntryDeletedTogetherWithItsLinkIsNamedByTheBrokenLinkAfterIt() {
        AuditTampering.save("saved_entry", "audit_entry", "id = " + second);
        AuditTampering.save("saved_link", "audit_chain_link", "entry_id = " + second);
        try {
            AuditTampering.asSuperuser(
                    "DELETE FROM audit_entry WHERE id = " + second,
                    "DELETE FROM audit_chain_link WHERE entry_id = " + second);
            ChainVerificationResult result = chain.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstProblem().entryId()).isEqualTo(third);
            assertThat(result.firstProblem().kind()).isEqualTo("link-broken");
            assertThat(result.firstProblem().message())
                    .contains("entry " + first)
                    .contains("removed");
        } finally {
            AuditTampering.asSuperuser(
                    AuditTampering.restore("saved_entry", "audit_entry"),
                    AuditTampering.restore("saved_link", "audit_chain_link"));
        }
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void aSwappedPairIsNamedAtTheFirstOfThePair() {
        String swap =
                "UPDATE audit_entry e SET actor = o.actor, action = o.action, details = o.details, occurred_at = o.occurred_at "
                        + "FROM audit_entry o WHERE (e.id, o.id) IN ((" + first + ", " + second + "), (" + second + ", "
                        + first + "))";
        AuditTampering.asSuperuser(swap);
        try {
            ChainVerificationResult result = chain.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstProblem().entryId()).isEqualTo(first);
            assertThat(result.firstProblem().kind()).isEqualTo("hash-mismatch");
            assertThat(result.problemCount()).isGreaterThanOrEqualTo(2);
        } finally {
            AuditTampering.asSuperuser(swap);
        }
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void aTruncatedTailIsCaughtByTheLatestCheckpoint() {
        AuditTampering.save("saved_entry", "audit_entry", "id = " + third);
        AuditTampering.save("saved_link", "audit_chain_link", "entry_id = " + third);
        try {
            AuditTampering.asSuperuser(
                    "DELETE FROM audit_entry WHERE id = " + third,
                    "DELETE FROM audit_chain_link WHERE entry_id = " + third);
            ChainVerificationResult result = chain.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.reachesLatestCheckpoint()).isFalse();
            assertThat(result.chainHeadEntryId()).isEqualTo(second);
            assertThat(result.firstProblem().kind()).isEqualTo("truncated");
            assertThat(result.firstProblem().message())
                    .contains("ends at entry " + second)
                    .contains("up to " + third);
        } finally {
            AuditTampering.asSuperuser(
                    AuditTampering.restore("saved_entry", "audit_entry"),
                    AuditTampering.restore("saved_link", "audit_chain_link"));
        }
        assertThat(chain.verify().reachesLatestCheckpoint()).isTrue();
    }

    @Test
    void aTailTruncatedTogetherWithItsCheckpointsIsCaughtOnlyByAnExternalCopyOfTheCheckpoints() {
        List<AuditCheckpoint> externalCopy = chain.checkpoints(0, Integer.MAX_VALUE);
        AuditCheckpoint latest = externalCopy.get(externalCopy.size() - 1);
        String covered = "id > " + first;
        AuditTampering.save("saved_entry", "audit_entry", covered);
        AuditTampering.save("saved_link", "audit_chain_link", "entry_id > " + first);
        AuditTampering.save("saved_checkpoint", "audit_checkpoint", "last_entry_id > " + first);
        try {
            // A superuser removes the tail and the checkpoints that mention it: the database alone looks consistent...
            AuditTampering.asSuperuser(
                    "DELETE FROM audit_entry WHERE " + covered,
                    "DELETE FROM audit_chain_link WHERE entry_id > " + first,
                    "DELETE FROM audit_checkpoint WHERE last_entry_id > " + first);
            assertThat(chain.verify().valid()).isTrue();
            // ...but not against the checkpoints kept elsewhere.
            ChainVerificationResult result = chain.verify(externalCopy);
            assertThat(result.valid()).isFalse();
            assertThat(result.reachesLatestCheckpoint()).isFalse();
            assertThat(result.latestCheckpointSequence()).isEqualTo(latest.sequence());
            assertThat(result.firstProblem().kind()).isEqualTo("truncated");
        } finally {
            AuditTampering.asSuperuser(
                    AuditTampering.restore("saved_entry", "audit_entry"),
                    AuditTampering.restore("saved_link", "audit_chain_link"),
                    AuditTampering.restore("saved_checkpoint", "audit_checkpoint"));
        }
        assertThat(chain.verify(externalCopy).valid()).isTrue();
    }

    @Test
    void anEntryRewrittenWithEveryLaterLinkRehashedIsCaughtOnlyByAnExternalCopyOfTheCheckpoints() {
        List<AuditCheckpoint> externalCopy = chain.checkpoints(0, Integer.MAX_VALUE);
        AuditTampering.save("saved_entry", "audit_entry", "id = " + second);
        AuditTampering.save("saved_link", "audit_chain_link", "entry_id >= " + second);
        AuditTampering.save("saved_checkpoint", "audit_checkpoint", "last_entry_id >= " + second);
        try {
            // A superuser rewrites an entry, recomputes its link and every later one, and drops the checkpoints
            // he cannot sign again: the database alone is consistent...
            AuditTampering.asSuperuser(
                    "UPDATE audit_entry SET details = '{\"note\":\"approved by nobody\"}' WHERE id = " + second);
            List<String> rehash = new ArrayList<>();
            String prev = jdbc.sql("SELECT prev_hash FROM audit_chain_link WHERE entry_id = ?")
                    .param(second)
                    .query(String.class)
                    .single();
            for (AuditEntryView entry : jdbc.sql(
                            "SELECT " + AuditEntryRows.COLUMNS
                                    + " FROM audit_entry WHERE id >= ? AND id IN (SELECT entry_id FROM audit_chain_link) ORDER BY id")
                    .param(second)
                    .query((rs, row) -> AuditEntryRows.map(rs))
                    .list()) {
                String hash = AuditCanonicalForm.chainHash(entry, prev);
                rehash.add("UPDATE audit_chain_link SET prev_hash = '" + prev + "', entry_hash = '" + hash
                        + "' WHERE entry_id = " + entry.id());
                prev = hash;
            }
            rehash.add("DELETE FROM audit_checkpoint WHERE last_entry_id >= " + second);
            AuditTampering.asSuperuser(rehash.toArray(String[]::new));
            assertThat(chain.verify().valid()).isTrue();
            // ...but not against the checkpoints kept elsewhere.
            ChainVerificationResult result = chain.verify(externalCopy);
            assertThat(result.valid()).isFalse();
            assertThat(result.firstProblem().kind()).isEqualTo("checkpoint-mismatch");
            assertThat(result.firstProblem().entryId()).isEqualTo(third);
            assertThat(result.reachesLatestCheckpoint()).isFalse();
        } finally {
            AuditTampering.asSuperuser(
                    "DELETE FROM audit_entry WHERE id = " + second,
                    "DELETE FROM audit_chain_link WHERE entry_id >= " + second,
                    AuditTampering.restore("saved_entry", "audit_entry"),
                    AuditTampering.restore("saved_link", "audit_chain_link"),
                    AuditTampering.restore("saved_checkpoint", "audit_checkpoint"));
        }
        assertThat(chain.verify(externalCopy).valid()).isTrue();
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void anEntryInsertedOutOfBandBetweenSealedEntriesIsNamed() {
        long gap = jdbc.sql("SELECT nextval(pg_get_serial_sequence('audit_entry', 'id'))")
                .query(Long.class)
                .single();
        long after = record("after the gap");
        chain.sealNow(Duration.ofSeconds(30));
        try {
            AuditTampering.asSuperuser("INSERT INTO audit_entry (" + AuditEntryRows.COLUMNS + ") SELECT " + gap
                    + ", occurred_at, actor, actor_type, 'approval.decided', project_key, environment_key, target_type,"
                    + " target_id, client_address, details FROM audit_entry WHERE id = " + after);
            ChainVerificationResult result = chain.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstProblem().kind()).isEqualTo("entry-not-chained");
            assertThat(result.firstProblem().entryId()).isEqualTo(gap);
            assertThat(result.firstProblem().message()).contains("sealed entry " + after);
        } finally {
            AuditTampering.asSuperuser("DELETE FROM audit_entry WHERE id = " + gap);
        }
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void aForgedCheckpointFailsItsSignature() {
        List<AuditCheckpoint> copy = chain.checkpoints(0, Integer.MAX_VALUE);
        AuditCheckpoint real = copy.get(copy.size() - 1);
        AuditCheckpoint forged = new AuditCheckpoint(
                real.sequence(),
                real.lastEntryId(),
                "ab".repeat(32),
                real.entryCount(),
                real.sealedAt(),
                real.keyId(),
                real.signature());
        ChainVerificationResult result = chain.verify(List.of(forged));
        assertThat(result.valid()).isFalse();
        assertThat(result.firstProblem().kind()).isEqualTo("checkpoint-signature");
        assertThat(result.firstProblem().checkpointSequence()).isEqualTo(real.sequence());
    }

    @Test
    void unsealedEntriesAtTheTailAreReportedButAreNotAProblem() {
        record("not sealed yet");
        ChainVerificationResult result = chain.verify();
        assertThat(result.valid()).isTrue();
        assertThat(result.unsealedCount()).isEqualTo(1);
        assertThat(result.entryCount()).isEqualTo(result.sealedCount() + 1);
    }

    private long record(String note) {
        return trail.recordStandalone(AuditRecord.of("test.verification")
                .project("verify")
                .details(Map.of("note", note))
                .bySystem("test"));
    }
}
