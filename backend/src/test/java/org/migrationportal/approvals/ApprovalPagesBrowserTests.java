package org.migrationportal.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.support.BrowserTest;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** An approver finds the request through the navigation count and approves it on the real page. */
@PortalIntegrationTest
class ApprovalPagesBrowserTests extends BrowserTest {

    @Autowired
    TestData data;

    @Autowired
    MockMvc mvc;

    @Autowired
    ApprovalRequests approvals;

    @Test
    void anApproverApprovesThroughThePage() throws Exception {
        String project = TestData.uniqueKey("web");
        data.project(project);
        String approver = data.user(TestData.uniqueKey("mira"), new RoleGrantDefinition(Role.APPROVER, project));
        String ci = data.projectToken(project, List.of("ci:write"), List.of());
        mvc.perform(post("/api/v1/ci-runs")
                        .header("Authorization", "Bearer " + ci)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"project":"%s","provider":"gh","externalId":"1","attempt":1,"commitSha":"4f2c9e1a7b3d","branch":"main",
                                 "checks":[{"name":"lint","status":"passed","findings":[{"rule":"ban-drop-column","severity":"warning",
                                   "revision":"b7e1d2c3a4f5","message":"Dropping a column may break existing clients."}]}],
                                 "migrations":[{"revision":"b7e1d2c3a4f5","parents":[],"description":"drop lessons.legacy_path",
                                   "author":"tomas","checksum":"sha256:9c0d","downgrade":"lossy","transactional":true,
                                   "operations":[{"type":"drop_column","table":"lessons","column":"legacy_path","destructive":true}]}]}""".formatted(project)))
                .andExpect(status().isCreated());
        long id = Awaitility.await("the pending request for prod")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> approvals.list(project, "prod", "pending"), pending -> pending.size() == 1)
                .get(0)
                .id();

        signIn(approver, TestData.PASSWORD);
        browser.get(url("/approvals?project=" + project));
        assertThat(browser.findElement(By.cssSelector("nav .badge")).getText()).isEqualTo("1");
        browser.get(browser.findElement(By.linkText("#" + id)).getAttribute("href"));

        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Approval #" + id);
        assertThat(browser.findElement(By.id("main")).getText())
                .contains("drop_column lessons.legacy_path")
                .contains("ban-drop-column")
                .contains("sha256:9c0d")
                .contains("Needs 2 approval(s)");
        browser.findElement(By.id("comment")).sendKeys("No reader of legacy_path is left.");
        var approve = browser.findElement(By.cssSelector("button[name=decision][value=approve]"));
        var footer = browser.findElement(By.tagName("footer"));
        assertThat(footer.getRect().getY())
                .as("the footer starts below the decision buttons, never over them")
                .isGreaterThanOrEqualTo(
                        approve.getRect().getY() + approve.getRect().getHeight());
        // A person scrolls the button into view and clicks it: the click fails if anything (the footer, say)
        // covers the button.
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'})", approve);
        wait.until(ExpectedConditions.elementToBeClickable(approve)).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decisions")));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("Your approval was recorded.");
        assertThat(browser.findElement(By.id("decisions")).getText())
                .contains(approver)
                .contains("No reader of legacy_path is left.");
        screenshot("approval-decided");
        assertThat(approvals.get(id).approvalsGiven()).isEqualTo(1);
    }
}
