package org.migrationportal.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sweep re-evaluates environments whose evidence arrived without an event (or never evaluated ones). */
@PortalIntegrationTest
class EvidenceSweepTests {

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    EvidenceSweep sweep;

    @Autowired
    ComplianceEvaluator evaluator;

    @Autowired
    ComplianceDashboard dashboard;

    @Test
    void newEvidenceWrittenWithoutAnEventIsPickedUpByTheNextSweep() {
        String key = TestData.uniqueKey("sweep");
        EvidenceFixture evidence = new EvidenceFixture(jdbc, data.project(key));
        sweep.sweep();
        assertThat(dashboard.environment(key, "prod").item("drift").status()).isEqualTo("unknown");

        evidence.drift("prod", clock.instant().plusSeconds(1), true, "+ column x");
        assertThat(sweep.changedSince()).contains(evidence.env("prod"));
        sweep.sweep();
        assertThat(dashboard.environment(key, "prod").item("drift").status()).isEqualTo("fail");
        assertThat(dashboard.environment(key, "dev").item("drift").status()).isEqualTo("unknown");
    }
}
