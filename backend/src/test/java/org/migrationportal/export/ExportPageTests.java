package org.migrationportal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.audit.AuditChain;
import org.migrationportal.audit.AuditEntries;
import org.migrationportal.audit.AuditEntryFilter;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.PostgresTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Background exports from the page: progress (htmx fragment or self-refreshing page), a download that verifies, and an audit entry. */
@PortalIntegrationTest
class ExportPageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditChain chain;

    @Autowired
    AuditEntries entries;

    @TempDir
    Path dir;

    @Test
    void aBundleExportRunsInTheBackgroundShowsProgressAndDownloadsAVerifiableBundle() throws Exception {
        trail.recordStandalone(AuditRecord.of("page.export").bySystem("test"));
        chain.sealNow(Duration.ofSeconds(30));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        // The job needs the chain tables: while another transaction holds them, it stays running for the test to see.
        Connection holder = PostgresTestDatabase.connect();
        holder.setAutoCommit(false);
        try (Statement lock = holder.createStatement()) {
            lock.execute("LOCK TABLE audit_chain_link, audit_checkpoint IN ACCESS EXCLUSIVE MODE");
        }
        String location;
        try {
            location = mvc.perform(post("/audit/exports")
                            .param("kind", "BUNDLE")
                            .param("from", today)
                            .param("to", today)
                            .param("sampleSize", "5")
                            .param("seed", "11")
                            .with(csrf())
                            .with(user("anna").roles("AUDITOR")))
                    .andExpect(status().is3xxRedirection())
                    .andReturn()
                    .getResponse()
                    .getRedirectedUrl();
            assertThat(location).startsWith("/audit/exports/");

            String running = mvc.perform(get(location).with(user("anna").roles("AUDITOR")))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(running)
                    .contains("Running")
                    .contains("<progress")
                    .contains("http-equiv=\"refresh\"")
                    .contains("hx-trigger=\"every 1s\"");
            String fragment = mvc.perform(get(location)
                            .header("HX-Request", "true")
                            .with(user("anna").roles("AUDITOR")))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(fragment)
                    .contains("id=\"export-progress\"")
                    .contains("Running")
                    .doesNotContain("<html");
        } finally {
            holder.rollback();
            holder.close();
        }
        String page = Awaitility.await("the export finishes")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> mvc.perform(get(location).with(user("anna").roles("AUDITOR")))
                                .andExpect(status().isOk())
                                .andReturn()
                                .getResponse()
                                .getContentAsString(),
                        html -> !html.contains("Running"));
        assertThat(page).contains("Done").contains(location + "/download").doesNotContain("http-equiv=\"refresh\"");

        byte[] zip = mvc.perform(get(location + "/download").with(user("anna").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        Path file = dir.resolve("download.zip");
        Files.write(file, zip);
        BundleVerifier.Result result = BundleVerifier.verify(file, null);
        assertThat(result.problems()).isEmpty();
        assertThat(entries.page(new AuditEntryFilter(null, null, "anna", "export.bundle", null, null), 0, 5)
                        .items())
                .singleElement()
                .satisfies(e -> assertThat(e.details()).contains("\"seed\":11"));
    }

    @Test
    void aFormWithoutDatesShowsFieldErrors() throws Exception {
        String html = mvc.perform(post("/audit/exports")
                        .param("kind", "REPORT")
                        .param("from", "")
                        .param("to", "not-a-date")
                        .with(csrf())
                        .with(user("anna").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).contains("is-invalid").contains("Enter a date.");
    }

    @Test
    void viewersCannotExport() throws Exception {
        mvc.perform(get("/audit/exports").with(user("v").roles("VIEWER"))).andExpect(status().isForbidden());
        mvc.perform(get("/audit/exports/unknown").with(user("anna").roles("AUDITOR")))
                .andExpect(status().isNotFound());
    }
}
