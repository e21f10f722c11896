package org.migrationportal.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.ingest.DeploymentView;
import org.migrationportal.ingest.EvidenceFilter;
import org.migrationportal.ingest.EvidenceQueries;
import org.migrationportal.ingest.MigrationView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The quick start's evidence history, loaded on the embedded H2 database through the ingest façade (so the
 * ingest SQL runs on H2 too), has what the compliance checklist needs to show each state, and every
 * evidence page renders it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DemoEvidenceTests {

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
    MockMvc mvc;

    @Autowired
    EvidenceQueries queries;

    @Test
    void dylenShipsAnUnapprovedDestructiveLossyContractToADriftedProd() {
        List<DeploymentView> prod = queries.deployments(
                        EvidenceFilter.project("dylen-engine").environment("prod"))
                .items();
        assertThat(prod).first().satisfies(d -> {
            assertThat(d.toRevision()).isEqualTo("b7e1d2c3a4f5");
            assertThat(d.status()).isEqualTo("succeeded");
            assertThat(d.tokenRestricted()).isTrue();
            assertThat(d.backupId()).isNotNull();
        });
        List<MigrationView> catalogue = queries.migrations("dylen-engine");
        assertThat(catalogue)
                .extracting(MigrationView::revision)
                .containsExactly("3e4f5a6b7c8d", "0f9e8d7c6b5a", "a1c2e3f4b5d6", "b7e1d2c3a4f5");
        assertThat(catalogue.get(3).destructive()).isTrue();
        assertThat(catalogue.get(3).downgrade()).isEqualTo("lossy");
        assertThat(queries.latestDriftReport("dylen-engine", "prod"))
                .get()
                .satisfies(r -> assertThat(r.drifted()).isTrue());
        assertThat(queries.deployments(EvidenceFilter.project("dylen-engine").environment("staging"))
                        .items())
                .extracting(DeploymentView::status)
                .contains("failed", "succeeded");
    }

    @Test
    void billingIsDeployedCleanlyThroughEveryEnvironment() {
        assertThat(queries.deployments(EvidenceFilter.project("billing-service"))
                        .items())
                .hasSize(6)
                .allSatisfy(d -> {
                    assertThat(d.status()).isEqualTo("succeeded");
                    assertThat(d.actorType()).isEqualTo("pipeline");
                    assertThat(d.tokenRestricted()).isTrue();
                });
        assertThat(queries.migrations("billing-service"))
                .noneMatch(MigrationView::destructive)
                .allMatch(m -> m.downgrade().equals("reversible"));
        assertThat(queries.ciRuns(EvidenceFilter.project("billing-service")).items())
                .allMatch(r -> r.outcome().equals("passed"));
        for (String environment : List.of("dev", "staging", "prod")) {
            assertThat(queries.latestDriftReport("billing-service", environment))
                    .get()
                    .satisfies(r -> assertThat(r.drifted()).isFalse());
        }
    }

    @Test
    void everyEvidencePageRendersWithTheProjectNavigation() throws Exception {
        long ciRun = queries.ciRuns(EvidenceFilter.project("dylen-engine"))
                .items()
                .get(0)
                .id();
        long deployment = queries.deployments(EvidenceFilter.project("dylen-engine"))
                .items()
                .get(0)
                .id();
        for (String page : List.of(
                "/projects/dylen-engine",
                "/projects/dylen-engine/ci-runs",
                "/projects/dylen-engine/ci-runs?status=failed",
                "/projects/dylen-engine/deployments",
                "/projects/dylen-engine/backups",
                "/projects/dylen-engine/drift-reports",
                "/projects/dylen-engine/migrations",
                "/ci-runs/" + ciRun,
                "/deployments/" + deployment)) {
            mvc.perform(get(page).with(user("viewer").roles("VIEWER")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.containsString("href=\"/projects/dylen-engine/migrations\"")));
        }
        mvc.perform(get("/projects/dylen-engine/migrations").with(user("viewer").roles("VIEWER")))
                .andExpect(content().string(Matchers.containsString("b7e1d2c3a4f5")))
                .andExpect(content().string(Matchers.containsString("destructive")));
        // Status badges carry the colour of their status next to the text.
        mvc.perform(get("/projects/dylen-engine/deployments")
                        .with(user("viewer").roles("VIEWER")))
                .andExpect(content().string(Matchers.containsString("status-badge status-fail\">failed")))
                .andExpect(content().string(Matchers.containsString("status-badge status-pass\">succeeded")));
        mvc.perform(get("/ci-runs/999999").with(user("viewer").roles("VIEWER"))).andExpect(status().isNotFound());
    }
}
