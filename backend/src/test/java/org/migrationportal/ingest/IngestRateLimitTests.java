package org.migrationportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Each token has its own bucket: over the limit it gets 429 with Retry-After; other tokens are unaffected. */
@PortalIntegrationTest
@TestPropertySource(properties = {"portal.ingest.rate-limit.per-second=1", "portal.ingest.rate-limit.burst=3"})
class IngestRateLimitTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Test
    void aTokenOverItsLimitGets429WithRetryAfter() throws Exception {
        String project = TestData.uniqueKey("rate");
        data.project(project);
        String busy = data.projectToken(project, List.of("backup:write"), List.of());
        String calm = data.projectToken(project, List.of("backup:write"), List.of());
        List<MockHttpServletResponse> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            responses.add(mvc.perform(post("/api/v1/backups")
                            .header("Authorization", "Bearer " + busy)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(IngestExamples.body("backup", project, b -> b.put("backupId", "b-" + n))))
                    .andReturn()
                    .getResponse());
        }
        assertThat(responses)
                .extracting(MockHttpServletResponse::getStatus)
                .contains(201)
                .contains(429);
        MockHttpServletResponse limited =
                responses.stream().filter(r -> r.getStatus() == 429).findFirst().orElseThrow();
        assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isPositive();
        assertThat(limited.getContentType()).isEqualTo("application/problem+json");
        assertThat(limited.getContentAsString()).contains("/problems/rate-limited");

        assertThat(mvc.perform(post("/api/v1/backups")
                                .header("Authorization", "Bearer " + calm)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(IngestExamples.body("backup", project, b -> b.put("backupId", "calm"))))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(201);
    }
}
