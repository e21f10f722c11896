package org.migrationportal.audit;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Who may read checkpoints and verify the chain over the API, and what a malformed verification request gets. */
@PortalIntegrationTest
class AuditApiAccessTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditChain chain;

    @Test
    void projectTokensWithReadMayCopyCheckpointsButNotVerify() throws Exception {
        trail.recordStandalone(AuditRecord.of("test.access").bySystem("test"));
        chain.sealNow(Duration.ofSeconds(30));
        String project = TestData.uniqueKey("access");
        data.project(project);
        String reader = data.projectToken(project, List.of("read"), List.of());
        String writer = data.projectToken(project, List.of("ci:write"), List.of());
        mvc.perform(get("/api/v1/audit/checkpoints").header("Authorization", "Bearer " + reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].signature").isNotEmpty());
        mvc.perform(get("/api/v1/audit/public-key").header("Authorization", "Bearer " + reader))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/audit/verify").header("Authorization", "Bearer " + reader))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit/checkpoints").header("Authorization", "Bearer " + writer))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit/checkpoints")).andExpect(status().isUnauthorized());
    }

    @Test
    void viewersMayNotVerifyAuditorsMay() throws Exception {
        String viewer =
                data.personalToken(data.user(TestData.uniqueKey("viewer"), new RoleGrantDefinition(Role.VIEWER, null)));
        String auditor = data.personalToken(
                data.user(TestData.uniqueKey("auditor"), new RoleGrantDefinition(Role.AUDITOR, null)));
        mvc.perform(get("/api/v1/audit/verify").header("Authorization", "Bearer " + viewer))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit/verify").header("Authorization", "Bearer " + auditor))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.valid").value(true));
    }

    @Test
    void aMalformedCheckpointListNamesTheBadFields() throws Exception {
        String auditor = data.personalToken(
                data.user(TestData.uniqueKey("auditor"), new RoleGrantDefinition(Role.AUDITOR, null)));
        mvc.perform(post("/api/v1/audit/verify")
                        .header("Authorization", "Bearer " + auditor)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"checkpoints\":[{\"sequence\":1,\"lastEntryId\":1,\"entryHash\":\"XYZ\",\"entryCount\":1,"
                                        + "\"sealedAt\":\"2026-01-01T00:00:00Z\",\"signature\":\"\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'checkpoints[0].entryHash')]")
                        .exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'checkpoints[0].signature')]")
                        .exists());
        mvc.perform(post("/api/v1/audit/verify")
                        .header("Authorization", "Bearer " + auditor)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"checkpoints\": 12"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/audit/checkpoints").param("limit", "0").header("Authorization", "Bearer " + auditor))
                .andExpect(status().is4xxClientError());
    }
}
