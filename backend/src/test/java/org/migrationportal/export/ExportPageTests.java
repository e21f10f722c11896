package org.migrationportal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.audit.AuditChain;
import org.migrationportal.audit.AuditEntries;
import org.migrationportal.audit.AuditEntryFilter;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.support.PortalIntegrationTest;
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
        String location = mvc.perform(post("/audit/exports")
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

        String page = "";
        for (int i = 0; i < 100 && !page.contains("/download"); i++) {
            page = mvc.perform(get(location).with(user("anna").roles("AUDITOR")))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            if (page.contains("Running")) {
                assertThat(page)
                        .contains("<progress")
                        .contains("http-equiv=\"refresh\"")
                        .contains("hx-trigger=\"every 1s\"");
                String fragment = mvc.perform(get(location)
                                .header("HX-Request", "true")
                                .with(user("anna").roles("AUDITOR")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
                assertThat(fragment).contains("id=\"export-progress\"").doesNotContain("<html");
            }
            Thread.sleep(100);
        }
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
