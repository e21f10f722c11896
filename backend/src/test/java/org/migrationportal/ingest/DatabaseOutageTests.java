package org.migrationportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.migrationportal.PortalApplication;
import org.migrationportal.identity.ApiTokens;
import org.migrationportal.identity.NewProjectToken;
import org.migrationportal.projects.EnvironmentDefinition;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.projects.ProjectDefinition;
import org.migrationportal.support.PostgresTestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * With PostgreSQL unreachable (a real database refusing connections, not a mock), ingest answers 503 with
 * Retry-After within about two seconds, health is DOWN, and the app recovers by itself when the database
 * is back — with everything acknowledged before the outage still there.
 */
@Tag("database")
@Tag("slow")
class DatabaseOutageTests {

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void ingestAnswers503DuringAnOutageAndRecoversAfterIt() throws Exception {
        try (ScratchDatabase database = new ScratchDatabase("portal_outage");
                ConfigurableApplicationContext app = new SpringApplicationBuilder(PortalApplication.class)
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=" + database.url,
                                "--spring.datasource.username=" + PostgresTestDatabase.user(),
                                "--spring.datasource.password=" + PostgresTestDatabase.password(),
                                "--spring.datasource.hikari.maximum-pool-size=4",
                                "--portal.demo-data=false",
                                "--spring.main.banner-mode=off",
                                "--logging.level.root=warn")) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            String token = projectWithToken(app, "outage");

            assertThat(post(base, token, IngestExamples.body("backup", "outage"))
                            .statusCode())
                    .isEqualTo(201);

            database.block();
            long start = System.nanoTime();
            HttpResponse<String> during =
                    post(base, token, IngestExamples.body("backup", "outage", b -> b.put("backupId", "during")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
            assertThat(during.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(during.body()).contains("/problems/database-unavailable").doesNotContain("Exception");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            // Once the pool has dropped its broken connections, asking for a new one times out after 2 s: 503 again.
            HikariDataSource pool = app.getBean(HikariDataSource.class);
            pool.getHikariPoolMXBean().softEvictConnections();
            Awaitility.await("the pool dropped its broken connections")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> pool.getHikariPoolMXBean().getTotalConnections() == 0);
            long again = System.nanoTime();
            assertThat(post(base, token, IngestExamples.body("backup", "outage", b -> b.put("backupId", "during-2")))
                            .statusCode())
                    .isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - again)).isLessThan(Duration.ofSeconds(5));
            assertThat(get(base + "/actuator/health").statusCode()).isEqualTo(503);
            assertThat(get(base + "/actuator/health").body()).contains("DOWN");

            database.unblock();
            HttpResponse<String> after = Awaitility.await("ingest recovered")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> post(
                                    base,
                                    token,
                                    IngestExamples.body("backup", "outage", b -> b.put("backupId", "after"))),
                            response -> response.statusCode() != 503);
            assertThat(after.statusCode()).isEqualTo(201);
            assertThat(get(base + "/actuator/health").statusCode()).isEqualTo(200);
            try (var connection = database.connect();
                    var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT backup_ref FROM backup ORDER BY id")) {
                List<String> stored = new java.util.ArrayList<>();
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
                assertThat(stored).containsExactly("prod-2026-11-21T13-55", "after");
            }
        }
    }

    private HttpResponse<String> post(String base, String token, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/backups"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Creates the project through the second app's own façades, as an admin, and issues a backup token. */
    static String projectWithToken(ConfigurableApplicationContext app, String key) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(
                "test-admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        SecurityContextHolder.setContext(context);
        try {
            app.getBean(ProjectCatalog.class)
                    .create(new ProjectDefinition(
                            key,
                            key,
                            "alembic",
                            null,
                            "main",
                            List.of(
                                    new EnvironmentDefinition("dev", "Development", 1, false, null),
                                    new EnvironmentDefinition("staging", "Staging", 2, false, null),
                                    new EnvironmentDefinition("prod", "Production", 3, true, "staging"))));
            return app.getBean(ApiTokens.class)
                    .issueProjectToken(
                            key,
                            new NewProjectToken(
                                    "outage", List.of("backup:write", "deploy:write", "read"), List.of(), null))
                    .token();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
