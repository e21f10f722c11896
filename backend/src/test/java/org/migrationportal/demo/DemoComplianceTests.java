package org.migrationportal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.compliance.ComplianceDashboard;
import org.migrationportal.compliance.EnvironmentCompliance;
import org.migrationportal.compliance.ItemStatus;
import org.migrationportal.compliance.PolicyBook;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The quick start on the embedded H2 database (so the compliance SQL runs on H2 too) shows every status
 * somewhere: a compliant project, a failing destructive-safety item, a downgrade-coverage warning, a drifted
 * environment, and unknown where there is no evidence.
 */
@SpringBootTest
class DemoComplianceTests {

    @TempDir
    static Path dataDirectory;

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:file:" + dataDirectory.resolve("portal")
                        + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH");
    }

    @Autowired
    ComplianceDashboard dashboard;

    @Autowired
    PolicyBook policies;

    @Test
    void everyStatusShowsSomewhere() {
        for (EnvironmentCompliance billing : dashboard.project("billing-service")) {
            assertThat(billing.items().stream().filter(i -> !i.key().equals("gate-enforcement")))
                    .as(billing.environment())
                    .extracting(ItemStatus::status)
                    .containsOnly("pass");
        }
        // The demo's production deployments were posted without asking the gate: an exception the checklist shows.
        ItemStatus gate = dashboard.environment("billing-service", "prod").item("gate-enforcement");
        assertThat(gate.status()).isEqualTo("fail");
        assertThat(gate.reason()).contains("skipped the gate: cites no gate decision");
        EnvironmentCompliance dylenProd = dashboard.environment("dylen-engine", "prod");
        assertThat(dylenProd.status()).isEqualTo("fail");
        assertThat(dylenProd.item("destructive-safety").status()).isEqualTo("fail");
        assertThat(dylenProd.item("destructive-safety").reason()).contains("b7e1d2c3a4f5 drops lessons.legacy_path");
        assertThat(dylenProd.item("drift").status()).isEqualTo("fail");
        assertThat(dylenProd.item("downgrade-path").status()).isEqualTo("warn");
        assertThat(dashboard.environment("search-indexer", "dev").status()).isEqualTo("unknown");
        Set<String> seen = dashboard.project("dylen-engine").stream()
                .flatMap(c -> c.items().stream())
                .map(ItemStatus::status)
                .collect(Collectors.toSet());
        seen.addAll(dashboard.project("search-indexer").stream()
                .flatMap(c -> c.items().stream())
                .map(ItemStatus::status)
                .toList());
        assertThat(seen).contains("pass", "warn", "fail", "unknown");
        assertThat(policies.policyFor("billing-service", "prod").version()).isEqualTo(1);
    }
}
