package org.migrationportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.BrowserTest;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

@PortalIntegrationTest
class OverviewBrowserTests extends BrowserTest {

    @Autowired
    TestData data;

    @Test
    void aUserSignsInAndSeesTheOverviewWithProjects() throws Exception {
        String key = TestData.uniqueKey("browser");
        data.project(key);
        String user = data.user(TestData.uniqueKey("viewer"));

        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        signIn(user, TestData.PASSWORD);

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        assertThat(browser.findElement(By.linkText("Project " + key)).isDisplayed())
                .isTrue();
        // Admin navigation is hidden from a viewer.
        assertThat(browser.findElements(By.linkText("Admin"))).isEmpty();
        Path shot = screenshot("overview");
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }
}
