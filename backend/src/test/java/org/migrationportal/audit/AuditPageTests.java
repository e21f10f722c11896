package org.migrationportal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The audit page: filters as a plain form and as htmx fragments, entry detail, and the verify button with and without JavaScript. */
@PortalIntegrationTest
class AuditPageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditChain chain;

    @Test
    void filtersWorkAsAPlainGetFormAndEscapeWhatTheyShow() throws Exception {
        String project = TestData.uniqueKey("page");
        trail.recordStandalone(AuditRecord.of("page.shown")
                .project(project)
                .environment("prod")
                .target("thing", "<script>x</script>")
                .bySystem("alice"));
        trail.recordStandalone(AuditRecord.of("page.other")
                .project(TestData.uniqueKey("elsewhere"))
                .bySystem("bob"));

        String html = mvc.perform(get("/audit")
                        .param("project", project)
                        .with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).contains("<html").contains("page.shown").doesNotContain("page.other");
        assertThat(html).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>x</script>");
        assertThat(html).contains("Hash chain").contains("Verify chain");

        String byActionPrefix = mvc.perform(get("/audit")
                        .param("action", "page.")
                        .param("actor", "alice")
                        .with(user("auditor").roles("AUDITOR")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(byActionPrefix).contains("page.shown").doesNotContain("page.other");
    }

    @Test
    void anHtmxRequestGetsOnlyTheResults() throws Exception {
        String project = TestData.uniqueKey("htmx");
        trail.recordStandalone(AuditRecord.of("page.htmx").project(project).bySystem("carol"));
        String fragment = mvc.perform(get("/audit")
                        .param("project", project)
                        .header("HX-Request", "true")
                        .with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(fragment)
                .contains("id=\"audit-results\"")
                .contains("page.htmx")
                .doesNotContain("<html");
    }

    @Test
    void aTimeRangeFiltersAndABadTimeIsAFormErrorNotAnError() throws Exception {
        String project = TestData.uniqueKey("time");
        trail.recordStandalone(AuditRecord.of("page.time").project(project).bySystem("dave"));
        assertThat(mvc.perform(get("/audit")
                                .param("project", project)
                                .param("from", "2000-01-01T00:00")
                                .param("to", "2000-01-02T00:00")
                                .with(user("auditor").roles("AUDITOR")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain("page.time");
        assertThat(mvc.perform(get("/audit")
                                .param("project", project)
                                .param("from", "2000-01-01T00:00")
                                .with(user("auditor").roles("AUDITOR")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("page.time");
        String bad = mvc.perform(get("/audit")
                        .param("from", "yesterday")
                        .with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(bad).contains("is-invalid").contains("Enter a date and time");
    }

    @Test
    void anEntryShowsItsPlaceInTheChain() throws Exception {
        long id = trail.recordStandalone(
                AuditRecord.of("page.detail").details(Map.of("k", "v")).bySystem("erin"));
        assertThat(mvc.perform(get("/audit/entries/" + id).with(user("auditor").roles("AUDITOR")))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Not sealed yet");
        chain.sealNow(Duration.ofSeconds(30));
        String sealed = mvc.perform(
                        get("/audit/entries/" + id).with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(sealed).contains("page.detail").contains("Sealed by checkpoint");
        mvc.perform(get("/audit/entries/999999999").with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isNotFound());
    }

    @Test
    void theVerifyButtonReportsTheResultWithAndWithoutJavaScript() throws Exception {
        chain.sealNow(Duration.ofSeconds(30));
        String page = mvc.perform(get("/audit/verify").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("<html").contains("✓ Valid").contains("Reaches the latest checkpoint");
        String fragment = mvc.perform(get("/audit/verify")
                        .header("HX-Request", "true")
                        .with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(fragment).contains("✓ Valid").doesNotContain("<html");
    }

    @Test
    void viewersMayNotSeeTheAuditPages() throws Exception {
        mvc.perform(get("/audit").with(user("viewer").roles("VIEWER"))).andExpect(status().isForbidden());
        mvc.perform(get("/audit/verify").with(user("viewer").roles("VIEWER"))).andExpect(status().isForbidden());
    }
}
