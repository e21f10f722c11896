package org.migrationportal.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.BrowserTest;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.PostgresTestDatabase;
import org.migrationportal.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** In a real browser: from the overview to the evidence behind a failing checklist item. */
@PortalIntegrationTest
class ComplianceBrowserTests extends BrowserTest {

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    ComplianceEvaluator evaluator;

    @Test
    void fromTheOverviewToTheEvidenceOfAFailingItem() throws Exception {
        String key = TestData.uniqueKey("browse");
        EvidenceFixture evidence = new EvidenceFixture(jdbc, data.project(key));
        evidence.compliantHistory(clock.instant());
        evidence.migration("m4", "m3", "lossy", true, "none", null);
        evidence.ciRun(
                "c4", "main", 1, EvidenceFixture.ALL_PASSED, clock.instant().minusSeconds(300), "m4");
        evidence.deploy("staging", "m3", "m4", "c4", clock.instant().minusSeconds(200));
        evidence.backup(
                "prod", clock.instant().minusSeconds(150), clock.instant().minusSeconds(120));
        evidence.deploy("prod", "m3", "m4", "c4", clock.instant().minusSeconds(100));
        evaluator.evaluateProject(key);
        String user = data.user(TestData.uniqueKey("viewer"));

        signIn(user, TestData.PASSWORD);
        browser.get(url("/?status=fail"));
        WebElement prodBadge = browser.findElement(By.cssSelector("a[href='/projects/" + key + "/environments/prod']"));
        assertThat(prodBadge.getText()).contains("prod").contains("Failing");
        prodBadge.click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("item-destructive-safety")));
        WebElement row = browser.findElement(By.id("item-destructive-safety"));
        assertThat(row.getAttribute("data-status")).isEqualTo("fail");
        assertThat(row.getText())
                .contains("Destructive Safety", "Failing", "m4 drops lessons.legacy_path: no approval found");
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'})", row);
        Path shot = screenshot("environment-checklist");
        assertThat(Files.size(shot)).isGreaterThan(10_000);

        WebElement link = row.findElement(By.cssSelector("a.evidence-link[href$='/migrations/m4']"));
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'})", link);
        link.click();
        wait.until(ExpectedConditions.urlContains("/projects/" + key + "/migrations/m4"));
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .contains("Migration m4")
                .contains("Destructive");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("drop_column", "sha256:m4");
        screenshot("failing-item-evidence");
    }

    @Test
    void theReEvaluationProgressBarFillsInPlaceUntilDone() throws Exception {
        String key = TestData.uniqueKey("reeval");
        data.project(key);
        String admin = data.admin(TestData.uniqueKey("admin"));
        signIn(admin, TestData.PASSWORD);
        browser.get(url("/projects/" + key));

        // While another transaction holds the evaluations table, the job cannot store its first result.
        try (Connection holder = PostgresTestDatabase.connect()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE compliance_evaluation IN EXCLUSIVE MODE");
            }
            wait.until(ExpectedConditions.elementToBeClickable(
                            By.xpath("//button[normalize-space()='Re-evaluate all environments']")))
                    .click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("evaluation-progress")));
            ((JavascriptExecutor) browser).executeScript("window.portalTestMarker = 'same page';");
            WebElement bar = browser.findElement(By.cssSelector("#evaluation-progress progress"));
            assertThat(bar.getAttribute("value")).isEqualTo("0");
            assertThat(browser.findElement(By.id("evaluation-progress")).getText())
                    .contains("0 of 3");
            holder.rollback();
        }

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("evaluation-progress"), "Done"));
        assertThat(browser.findElement(By.cssSelector("#evaluation-progress progress"))
                        .getAttribute("value"))
                .isEqualTo("100");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.portalTestMarker;"))
                .as("htmx swapped the progress block; the page itself did not reload")
                .isEqualTo("same page");
        screenshot("re-evaluation-done");
    }
}
