package org.migrationportal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.support.BrowserTest;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What JavaScript does on the audit page, in real Chromium: the filter swaps only the results (htmx, the URL
 * kept shareable), and "Verify chain" shows the verdict in place — valid, then not valid once an entry is changed.
 * A marker on {@code window} tells a partial update from a page load (which would drop it).
 */
@PortalIntegrationTest
class AuditPagesBrowserTests extends BrowserTest {

    @Autowired
    TestData data;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditChain chain;

    @Test
    void theFilterSwapsOnlyTheResultsAndVerifyChainShowsTheVerdictInPlace() throws Exception {
        String key = TestData.uniqueKey("b");
        long alpha = record("browser.alpha-" + key);
        record("browser.beta-" + key);
        chain.sealNow(Duration.ofSeconds(30));
        String auditor = data.user(TestData.uniqueKey("aud"), new RoleGrantDefinition(Role.AUDITOR, null));

        signIn(auditor, TestData.PASSWORD);
        browser.get(url("/audit"));
        markPage();

        WebElement action = browser.findElement(By.id("action"));
        action.sendKeys("browser.alpha-" + key, Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-results"), "browser.alpha-" + key));
        assertThat(browser.findElement(By.id("audit-results")).getText()).doesNotContain("browser.beta-" + key);
        assertThat(browser.getCurrentUrl()).contains("action=browser.alpha-" + key);
        assertThat(samePage())
                .as("the filter swapped the results, not the page")
                .isTrue();

        click(By.xpath("//button[normalize-space()='Verify chain']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verification"), "Valid"));
        assertThat(browser.findElement(By.id("verification")).getText()).doesNotContain("Not valid");
        assertThat(samePage()).as("the verdict was swapped in").isTrue();

        AuditTampering.save("saved_browser_entry", "audit_entry", "id = " + alpha);
        try {
            AuditTampering.asSuperuser("UPDATE audit_entry SET details = '{\"note\":\"changed\"}' WHERE id = " + alpha);
            click(By.xpath("//button[normalize-space()='Verify chain']"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verification"), "Not valid"));
            assertThat(browser.findElement(By.id("verification")).getText())
                    .contains("Entry " + alpha)
                    .contains("hash-mismatch");
            assertThat(samePage()).isTrue();
            screenshot("audit-verify-invalid");
        } finally {
            AuditTampering.asSuperuser(
                    "DELETE FROM audit_entry WHERE id = " + alpha,
                    AuditTampering.restore("saved_browser_entry", "audit_entry"));
        }
        assertThat(chain.verify().valid()).isTrue();
    }

    /** Clicks like a person: the element must be visible, enabled and the topmost thing at its centre. */
    private void click(By locator) {
        wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    private void markPage() {
        ((JavascriptExecutor) browser).executeScript("window.portalTestMarker = 'same page';");
    }

    private boolean samePage() {
        return "same page".equals(((JavascriptExecutor) browser).executeScript("return window.portalTestMarker;"));
    }

    private long record(String action) {
        return trail.recordStandalone(
                AuditRecord.of(action).details(Map.of("note", action)).bySystem("test"));
    }
}
