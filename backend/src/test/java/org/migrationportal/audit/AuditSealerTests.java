package org.migrationportal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.Test;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.PostgresTestDatabase;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sealer chains committed entries in id order without losing late commits, signs every seal, and runs once across instances. */
@PortalIntegrationTest
class AuditSealerTests {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditChain chain;

    @Autowired
    AuditSealSchedule schedule;

    @Autowired
    AuditSigningKey signingKey;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    Clock clock;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    @Test
    void anEntryWhoseTransactionCommitsLateIsChainedBeforeTheLaterIdThatCommittedFirst() throws Exception {
        chain.sealNow(Duration.ofSeconds(30));
        try (Connection slow = PostgresTestDatabase.connect()) {
            slow.setAutoCommit(false);
            long earlierId;
            try (PreparedStatement insert =
                            slow.prepareStatement("INSERT INTO audit_entry (occurred_at, actor, actor_type, action) "
                                    + "VALUES (now(), 'slow-writer', 'system', 'test.out-of-order') RETURNING id");
                    ResultSet rs = insert.executeQuery()) {
                rs.next();
                earlierId = rs.getLong(1);
            }
            long laterId =
                    trail.recordStandalone(AuditRecord.of("test.out-of-order").bySystem("fast-writer"));
            assertThat(laterId).isGreaterThan(earlierId);

            // The later id is committed and visible, but an older transaction is open: nothing at or after the
            // earlier id may be sealed yet, or the earlier entry would fall out of the chain for good.
            for (int round = 0; round < 3; round++) {
                schedule.runOnce(Duration.ZERO);
            }
            assertThat(linkExists(laterId)).isFalse();
            assertThat(linkExists(earlierId)).isFalse();

            slow.commit();
            chain.sealNow(Duration.ofSeconds(30));
            ChainLink earlier = link(earlierId);
            ChainLink later = link(laterId);
            assertThat(later.prevHash()).isEqualTo(earlier.entryHash());
        }
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void rolledBackIdsAreGapsThatDoNotBreakTheChain() {
        long before = trail.recordStandalone(AuditRecord.of("test.gap").bySystem("test"));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            trail.record(AuditRecord.of("test.gap.rolled-back").bySystem("test"));
            status.setRollbackOnly();
        });
        long after = trail.recordStandalone(AuditRecord.of("test.gap").bySystem("test"));
        assertThat(after - before).isGreaterThan(1);
        chain.sealNow(Duration.ofSeconds(30));
        assertThat(link(after).prevHash()).isEqualTo(link(before).entryHash());
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void eachSealSignsACheckpointThatVerifiesWithThePublishedPublicKey() throws Exception {
        trail.recordStandalone(AuditRecord.of("test.signature").bySystem("test"));
        chain.sealNow(Duration.ofSeconds(30));
        String auditor = data.personalToken(
                data.user(TestData.uniqueKey("auditor"), new RoleGrantDefinition(Role.AUDITOR, null)));

        JsonMapper json = JsonMapper.builder().build();
        JsonNode key =
                json.readTree(mvc.perform(get("/api/v1/audit/public-key").header("Authorization", "Bearer " + auditor))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(key.get("algorithm").asString()).isEqualTo("Ed25519");
        PublicKey publicKey = CheckpointSignatures.publicKey(key.get("pem").asString());
        assertThat(CheckpointSignatures.keyId(publicKey))
                .isEqualTo(key.get("keyId").asString());

        JsonNode page = json.readTree(
                mvc.perform(get("/api/v1/audit/checkpoints?limit=1000").header("Authorization", "Bearer " + auditor))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(page.get("items").size()).isPositive();
        for (JsonNode item : page.get("items")) {
            AuditCheckpoint checkpoint = new AuditCheckpoint(
                    item.get("sequence").asLong(),
                    item.get("lastEntryId").asLong(),
                    item.get("entryHash").asString(),
                    item.get("entryCount").asLong(),
                    java.time.Instant.parse(item.get("sealedAt").asString()),
                    item.get("keyId").asString(),
                    item.get("signature").asString());
            assertThat(CheckpointSignatures.verify(publicKey, checkpoint))
                    .as("checkpoint #%s", checkpoint.sequence())
                    .isTrue();
            AuditCheckpoint altered = new AuditCheckpoint(
                    checkpoint.sequence(),
                    checkpoint.lastEntryId() + 1,
                    checkpoint.entryHash(),
                    checkpoint.entryCount(),
                    checkpoint.sealedAt(),
                    checkpoint.keyId(),
                    checkpoint.signature());
            assertThat(CheckpointSignatures.verify(publicKey, altered)).isFalse();
        }
    }

    @Test
    void theSealerRunsOnceAcrossTwoInstances() throws Exception {
        trail.recordStandalone(AuditRecord.of("test.two-instances").bySystem("test"));
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        // The instance that wins the lock holds it until the other has tried and been refused.
        CountDownLatch refused = new CountDownLatch(1);
        AuditSealSchedule[] instances = {instance(rounds, refused), instance(rounds, refused)};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<AuditCheckpoint>>> results = List.of(
                    pool.submit(() -> {
                        start.await();
                        return refusedOrSealed(instances[0].runOnce(Duration.ofSeconds(5)), refused);
                    }),
                    pool.submit(() -> {
                        start.await();
                        return refusedOrSealed(instances[1].runOnce(Duration.ofSeconds(5)), refused);
                    }));
            start.countDown();
            int executed = 0;
            for (Future<List<AuditCheckpoint>> result : results) {
                if (result.get(30, TimeUnit.SECONDS) != null) {
                    executed++;
                }
            }
            assertThat(executed).isEqualTo(1);
            assertThat(rounds).hasValue(1);
        } finally {
            pool.shutdownNow();
            jdbc().update("UPDATE shedlock SET lock_until = locked_at WHERE name = ?", AuditSealSchedule.LOCK_NAME);
        }
        chain.sealNow(Duration.ofSeconds(30));
        assertThat(chain.verify().valid()).isTrue();
    }

    private static List<AuditCheckpoint> refusedOrSealed(List<AuditCheckpoint> result, CountDownLatch refused) {
        if (result == null) {
            refused.countDown();
        }
        return result;
    }

    /** A second app instance: its own lock provider and sealer on the same database. */
    private AuditSealSchedule instance(AtomicInteger rounds, CountDownLatch refused) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        AuditChainSealer sealer =
                new AuditChainSealer(
                        jdbc,
                        new TransactionTemplate(transactionManager),
                        new PostgresSealHorizon(jdbc),
                        signingKey,
                        clock,
                        100_000,
                        true) {
                    @Override
                    synchronized List<AuditCheckpoint> sealRound() {
                        rounds.incrementAndGet();
                        try {
                            // Hold the lock while the other instance tries (bounded: a second round means it got in).
                            refused.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return super.sealRound();
                    }
                };
        JdbcTemplateLockProvider provider =
                new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(jdbc)
                        .withTableName("shedlock")
                        .usingDbTime()
                        .build());
        return new AuditSealSchedule(sealer, provider, clock, Duration.ofSeconds(2));
    }

    private boolean linkExists(long entryId) {
        return jdbc().queryForObject("SELECT count(*) FROM audit_chain_link WHERE entry_id = ?", Long.class, entryId)
                > 0;
    }

    private ChainLink link(long entryId) {
        return jdbc().queryForObject(
                        "SELECT entry_id, prev_hash, entry_hash FROM audit_chain_link WHERE entry_id = ?",
                        (rs, n) -> new ChainLink(rs.getLong(1), rs.getString(2), rs.getString(3)),
                        entryId);
    }
}
