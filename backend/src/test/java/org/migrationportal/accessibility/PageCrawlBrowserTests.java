package org.migrationportal.accessibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.support.BrowserTest;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pages a person reads, as an admin sees them on the demo data: every page reachable by same-origin links
 * from the overview answers below 400 and has no serious or critical axe-core finding. Links that act or download
 * (sign-out, exports, the CLI jar, the JSON API) are not followed; each path shape (numeric ids folded) is visited
 * at most a few times, so entries, filters and paging cannot use up the bound. Runs on the quick start's
 * embedded H2 with demo data, as a first-time visitor would see it.
 */
@Tag("slow")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = PageCrawlBrowserTests.WithDemoData.class)
class PageCrawlBrowserTests extends BrowserTest {

    /** The quick start's own setup: demo data on an embedded H2 file, not the PostgreSQL database other tests share. */
    @TempDir
    static Path dataDirectory;

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:file:" + dataDirectory.resolve("portal")
                        + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }

    private static final int MAX_PAGES = 150;
    private static final int MAX_VARIANTS_PER_PATH = 3;
    private static final Pattern ID_SEGMENT = Pattern.compile("/\\d+(?=/|$)");
    private static final Pattern NOT_A_PAGE = Pattern.compile(
            "^/(logout|api/|downloads/|v3/|swagger-ui|actuator|webjars/|css/|js/|images/)"
                    + "|export|\\.(csv|json|pdf|zip|jar|txt|xml|sarif)$",
            Pattern.CASE_INSENSITIVE);

    /** Switches the demo loaders on for this context only (the shared test setting turns them off). */
    static final class WithDemoData implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("portal.demo-data=true").applyTo(context.getEnvironment());
        }
    }

    @Test
    void everyPageReachableFromTheOverviewAnswersAndHasNoSeriousAccessibilityFinding() throws IOException {
        String axe = axeSource();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        signIn("admin", "demo-password");

        Deque<String> queue = new ArrayDeque<>(List.of("/"));
        Set<String> seen = new LinkedHashSet<>(queue);
        Map<String, Integer> variants = new HashMap<>();
        List<String> brokenLinks = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        int visited = 0;
        while (!queue.isEmpty() && visited < MAX_PAGES) {
            String page = queue.removeFirst();
            browser.get(url(page));
            visited++;
            assertThat(URI.create(browser.getCurrentUrl()).getPath())
                    .as("still signed in on " + page)
                    .isNotEqualTo("/login");
            findings.addAll(seriousFindings(page, axe));
            for (String link : sameOriginLinks()) {
                String path = URI.create(link).getPath();
                if (seen.contains(link)
                        || NOT_A_PAGE.matcher(path).find()
                        || variants.merge(ID_SEGMENT.matcher(path).replaceAll("/{id}"), 1, Integer::sum)
                                > MAX_VARIANTS_PER_PATH) {
                    continue;
                }
                seen.add(link);
                long status = status(link);
                if (status >= 400) {
                    brokenLinks.add(page + " links to " + link + " which answers " + status);
                } else {
                    queue.addLast(link);
                }
            }
        }

        assertThat(visited).as("pages crawled").isGreaterThan(20);
        assertThat(brokenLinks).as("links answering >= 400").isEmpty();
        assertThat(findings)
                .as("serious or critical axe-core findings (page: rule: target)")
                .isEmpty();
    }

    private static String axeSource() throws IOException {
        try (InputStream in = PageCrawlBrowserTests.class.getResourceAsStream("/axe/axe.min.js")) {
            assertThat(in).as("axe-core in test resources").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Same-origin links of the current page as path plus query, without fragments. */
    @SuppressWarnings("unchecked")
    private List<String> sameOriginLinks() {
        return (List<String>) js().executeScript("""
                return Array.from(document.querySelectorAll('a[href]'))
                    .filter(a => !a.hasAttribute('download'))
                    .map(a => new URL(a.getAttribute('href'), document.baseURI))
                    .filter(u => u.origin === location.origin)
                    .map(u => u.pathname + u.search);
                """);
    }

    /** The status of a GET from inside the page, with the signed-in session, after redirects. */
    private long status(String link) {
        return (Long) js().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status), () => done(599));
                """, link);
    }

    @SuppressWarnings("unchecked")
    private List<String> seriousFindings(String page, String axe) {
        js().executeScript(axe);
        List<String> found = (List<String>) js().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(result => done(result.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ')))),
                    e => done(['axe failed: ' + e]));
                """);
        return found.stream().map(finding -> page + ": " + finding).toList();
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }
}
