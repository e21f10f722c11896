package org.migrationportal.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.compliance.DeployReadiness.Assessment;
import org.migrationportal.compliance.DeployReadiness.Blocker;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Evaluation on PostgreSQL: stored statuses, history, out-of-order and late evidence, policy changes, the gate's assessment. */
@PortalIntegrationTest
class ComplianceEvaluationTests {

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ComplianceEvaluator evaluator;

    @Autowired
    ComplianceDashboard dashboard;

    @Autowired
    PolicyBook policies;

    @Autowired
    DeployReadiness readiness;

    @Autowired
    Clock clock;

    String key;
    EvidenceFixture evidence;
    Instant now;

    @BeforeEach
    void setUp() {
        key = TestData.uniqueKey("comply");
        evidence = new EvidenceFixture(jdbc, data.project(key));
        now = clock.instant();
    }

    Map<String, String> statuses(EnvironmentCompliance compliance) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        compliance.items().forEach(i -> map.put(i.key(), i.status()));
        return map;
    }

    @Test
    void aProjectWithoutEvidenceIsUnknownWhereNothingCanBeJudged() {
        EnvironmentCompliance prod = evaluator.evaluate(key, "prod");
        assertThat(prod.items()).hasSize(13);
        assertThat(prod.status()).isEqualTo("unknown");
        assertThat(prod.item("version-control").reason()).isEqualTo("No deployment to prod yet.");
        assertThat(prod.policyVersion()).isZero();
    }

    @Test
    void aCompliantHistoryPassesEveryItemInEveryEnvironment() {
        evidence.compliantHistory(now);
        evidence.ciRun("c-head", "main", 1, EvidenceFixture.ALL_PASSED, now.minusSeconds(60), "m1", "m2", "m3");
        evaluator.evaluateProject(key);

        for (EnvironmentCompliance compliance : dashboard.project(key)) {
            assertThat(statuses(compliance).values())
                    .as(compliance.environment() + " " + compliance.items())
                    .containsOnly("pass");
            assertThat(compliance.status()).isEqualTo("pass");
        }
        assertThat(dashboard.environment(key, "prod").item("version-control").reason())
                .isEqualTo("All 3 deployed revisions were validated in CI.");
    }

    @Test
    void aDeploymentPostedBeforeItsCiRunFailsUntilTheCiRunArrivesAndTheHistoryExplainsBoth() {
        evidence.migration("m1", null);
        evidence.deploy("dev", null, "m1", "c1", now.minusSeconds(600));
        EnvironmentCompliance before = evaluator.evaluate(key, "dev");
        assertThat(before.item("ci-validation").status()).isEqualTo("fail");
        assertThat(before.item("ci-validation").reason()).isEqualTo("Commit c1 has no CI run.");
        assertThat(before.item("version-control").status()).isEqualTo("fail");

        // The CI run arrives late (after the deployment it validated).
        evidence.ciRun("c1", "feature", 1, EvidenceFixture.ALL_PASSED, now, "m1");
        EnvironmentCompliance after = evaluator.evaluate(key, "dev");
        assertThat(after.item("ci-validation").status()).isEqualTo("pass");
        assertThat(after.item("version-control").status()).isEqualTo("pass");

        List<StatusChange> history = dashboard.history(key, "dev", 50).stream()
                .filter(c -> c.item().equals("ci-validation"))
                .toList();
        assertThat(history).extracting(StatusChange::newStatus).containsExactly("pass", "fail");
        assertThat(history.get(0).oldStatus()).isEqualTo("fail");
        assertThat(history.get(1).reason()).isEqualTo("Commit c1 has no CI run.");
    }

    @Test
    void aLateStagingDeploymentThatRanFirstVerifiesProduction() {
        evidence.migration("m1", null);
        evidence.ciRun("c1", "main", 1, EvidenceFixture.ALL_PASSED, now.minusSeconds(7200), "m1");
        evidence.deploy("prod", null, "m1", "c1", now.minusSeconds(600));
        assertThat(evaluator.evaluate(key, "prod").item("staging-verification").reason())
                .isEqualTo("m1 has not succeeded on staging before deployment "
                        + jdbc.sql("select max(id) from deployment where environment_id = ?")
                                .param(evidence.env("prod"))
                                .query(Long.class)
                                .single()
                        + ".");

        // Posted late, but it ran an hour before prod: prod was verified after all.
        evidence.deploy("staging", null, "m1", "c1", now.minusSeconds(3600));
        assertThat(evaluator.evaluate(key, "prod").item("staging-verification").status())
                .isEqualTo("pass");
    }

    @Test
    void aPolicyChangeReEvaluatesAndCanFlipAStatusRecordingThePolicyVersion() {
        evidence.migration("m1", null);
        evidence.ciRun(
                "c1",
                "main",
                1,
                Map.of("lint", "passed", "heads", "passed", "smoke", "skipped", "drift", "passed"),
                now.minusSeconds(900),
                "m1");
        evidence.deploy("dev", null, "m1", "c1", now.minusSeconds(600));
        assertThat(evaluator.evaluate(key, "dev").item("ci-validation").status())
                .isEqualTo("warn");

        asAdmin(() -> policies.change(
                key, "dev", new PolicyChange(List.of("lint", "heads", "drift"), 1, 24, 5000L, 7, 1, 7, 48, "enforce")));

        EnvironmentCompliance after = dashboard.environment(key, "dev");
        assertThat(after.item("ci-validation").status()).isEqualTo("pass");
        assertThat(after.policyVersion()).isEqualTo(1);
        StatusChange flip = dashboard.history(key, "dev", 50).stream()
                .filter(c -> c.item().equals("ci-validation"))
                .findFirst()
                .orElseThrow();
        assertThat(flip.newStatus()).isEqualTo("pass");
        assertThat(flip.policyVersion()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'policy.changed' and project_key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(policies.policyFor(key, "dev").requiredChecks()).containsExactly("lint", "heads", "drift");
        assertThat(policies.policyFor(key, "prod").version()).isZero();
        assertThat(policies.policyFor(key, "prod").approvalsRequired()).isEqualTo(2);
    }

    @Test
    void theGateIsToldEveryBlockerOfAPlannedDestructiveDeployToProduction() {
        evidence.migration("m1", null);
        evidence.migration("m2", "m1", "lossy", true, "contract", "m1");
        evidence.ciRun("c1", "main", 1, EvidenceFixture.ALL_PASSED, now.minusSeconds(7200), "m1");
        evidence.deploy("staging", null, "m1", "c1", now.minusSeconds(5000));
        evidence.deploy("prod", null, "m1", "c1", now.minusSeconds(4000));
        evidence.ciRun(
                "c2",
                "main",
                1,
                Map.of("lint", "failed", "heads", "passed", "smoke", "passed", "drift", "passed"),
                now.minusSeconds(600),
                "m1",
                "m2");
        evidence.drift("prod", now.minusSeconds(300), true, "+ index x");

        Assessment assessment = readiness.assess(key, "prod", "m2", "c2");
        assertThat(assessment.policy().approvalsRequired()).isEqualTo(2);
        assertThat(assessment.blockers())
                .extracting(Blocker::code)
                .containsExactlyInAnyOrder(
                        "ci-not-validated", "approval-missing", "backup-missing", "staging-not-verified", "drifted");
        assertThat(assessment.blockers())
                .extracting(Blocker::message)
                .contains(
                        "m2 drops lessons.legacy_path: no approval found; needs 2 for prod.",
                        "m2 has not succeeded on staging.");

        // The expand m1 is already on prod, so contract m2 is fine; an unknown revision is its own blocker.
        assertThat(readiness.assess(key, "prod", "zz99", "c2").blockers())
                .extracting(Blocker::code)
                .contains("unknown-revision");
        // The gate's assessment never writes a status.
        assertThat(jdbc.sql("select count(*) from compliance_evaluation where environment_id = ?")
                        .param(evidence.env("prod"))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aContractDeployedTogetherWithItsExpandBlocksTheGateAndFailsTheChecklist() {
        evidence.migration("e1", null, "reversible", false, "expand", null);
        evidence.migration("k1", "e1", "reversible", false, "contract", "e1");
        evidence.ciRun("c1", "main", 1, EvidenceFixture.ALL_PASSED, now.minusSeconds(7200), "e1", "k1");
        assertThat(readiness.assess(key, "dev", "k1", "c1").blockers())
                .extracting(Blocker::code)
                .containsExactly("contract-before-expand");
        evidence.deploy("dev", null, "k1", "c1", now.minusSeconds(60));
        assertThat(evaluator.evaluate(key, "dev").item("expand-contract").status())
                .isEqualTo("fail");
    }

    static void asAdmin(Runnable work) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(
                "policy-admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
