package org.migrationportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.RawHttp;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests that are broken below the level of any field: a malformed percent-escape or invalid UTF-8 in the
 * query, a malformed escape in the path, a request line or header longer than the server accepts. The API
 * answers each with a 400-class problem+json (never a 500, never the container's HTML); pages keep an HTML
 * error page that shows no stack trace and no server version.
 */
@PortalIntegrationTest
class MalformedRequestTests {

    @Autowired
    TestData data;

    @LocalServerPort
    int port;

    Map<String, String> auth;

    @BeforeEach
    void setUp() {
        auth = Map.of("Authorization", "Bearer " + data.personalToken(data.admin(TestData.uniqueKey("bad-query"))));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/deployments",
                "/api/v1/ci-runs",
                "/api/v1/backups",
                "/api/v1/drift-reports",
                "/api/v1/approvals",
                "/api/v1/projects",
                "/api/v1/audit/export",
                "/api/v1/change-records/export"
            })
    void aMalformedEscapeInTheQueryIsAProblemOnEveryListAndExport(String path) {
        for (String query : new String[] {"project=%E0%A4%A", "project=%C3%28", "project=%ZZ", "%E0%A4%A=x"}) {
            RawHttp.Answer answer = RawHttp.get(port, path + "?" + query, auth);
            assertThat(answer.status()).as(path + "?" + query).isEqualTo(400);
            assertThat(answer.contentType()).as(query).startsWith("application/problem+json");
            assertThat(answer.body()).as(query).contains("\"status\":400").contains("/problems/malformed-query");
        }
    }

    @Test
    void aMalformedEscapeInAnApiPathIsAProblem() {
        RawHttp.Answer answer = RawHttp.get(port, "/api/v1/projects/%E0%A4%A", auth);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"status\":400").doesNotContain("<html");
    }

    @Test
    void anOverLongQueryStringOnTheApiIsAProblem() {
        RawHttp.Answer answer = RawHttp.get(port, "/api/v1/deployments?project=" + "x".repeat(20_000), auth);
        // Tomcat cannot read the request line, so it does not know the path: the answer is a problem all the same.
        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("<html");
    }

    @Test
    void anOverLongHeaderOnTheApiIsAProblem() {
        RawHttp.Answer answer = RawHttp.get(
                port, "/api/v1/deployments", Map.of("Authorization", "Bearer x", "X-Padding", "p".repeat(20_000)));
        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("<html");
    }

    @Test
    void pagesKeepAnHtmlErrorPageWithoutInternals() {
        RawHttp.Answer badPath = RawHttp.get(port, "/projects/%E0%A4%A", Map.of("Accept", "text/html"));
        RawHttp.Answer longHeader =
                RawHttp.get(port, "/projects", Map.of("Accept", "text/html", "X-Padding", "p".repeat(20_000)));
        for (RawHttp.Answer answer : new RawHttp.Answer[] {badPath, longHeader}) {
            assertThat(answer.status()).isBetween(400, 499);
            assertThat(answer.contentType()).startsWith("text/html");
            assertThat(answer.body())
                    .doesNotContain("Exception")
                    .doesNotContain("Apache Tomcat")
                    .doesNotContain("at org.");
        }
    }
}
