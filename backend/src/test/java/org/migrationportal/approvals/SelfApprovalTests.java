package org.migrationportal.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 20 item 4, through the API: an approver may not approve a migration they wrote even when someone else
 * asked; when no author is named the CI run's committer and pull-request author may not approve; one person
 * decides once (409); one rejection rejects; a request an engineer opened by hand follows the same rules.
 */
@PortalIntegrationTest
class SelfApprovalTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    String project;
    String ci;
    String authorName;
    String author;
    String requesterName;
    String requester;
    String mira;
    String miraName;
    String zoe;

    @BeforeEach
    void setUp() {
        project = TestData.uniqueKey("self");
        data.project(project);
        RoleGrantDefinition approver = new RoleGrantDefinition(Role.APPROVER, project);
        authorName = data.user(TestData.uniqueKey("tomas"), approver);
        author = data.personalToken(authorName);
        requesterName = data.user(TestData.uniqueKey("jonas"), approver);
        requester = data.personalToken(requesterName);
        miraName = data.user(TestData.uniqueKey("mira"), approver);
        mira = data.personalToken(miraName);
        zoe = data.personalToken(data.user(TestData.uniqueKey("zoe"), approver));
        ci = data.projectToken(project, List.of("ci:write"), List.of());
    }

    @Test
    void anApproverWhoOnlyWroteTheMigrationMayNotApproveARequestSomeoneElseOpened() throws Exception {
        ciRun("feature", authorName, null, null).andExpect(status().isCreated());
        long id = openByHand(requester);

        decide(author, id, "approve")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("You wrote migration s1drop, so you may not approve it."));
        assertThat(refusals(id)).isEqualTo(1);
        decide(mira, id, "approve")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.approvalsGiven").value(1));
    }

    @Test
    void withNoAuthorNamedTheCommitterAndThePullRequestAuthorMayNotApprove() throws Exception {
        ciRun("main", null, authorName, miraName).andExpect(status().isCreated());
        JsonNode request = awaitPending();
        long id = request.get("id").asLong();
        assertThat(request.get("requestedBy").asString()).isEqualTo("ci");

        decide(author, id, "approve")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("names no author")));
        decide(mira, id, "approve").andExpect(status().isForbidden());
        decide(zoe, id, "approve").andExpect(status().isOk());
        assertThat(refusals(id)).isEqualTo(2);
    }

    @Test
    void onePersonDecidesOnceAndOneRejectionRejects() throws Exception {
        ciRun("feature", authorName, null, null).andExpect(status().isCreated());
        long id = openByHand(requester);

        decide(mira, id, "approve").andExpect(status().isOk());
        decide(mira, id, "approve")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("You already decided on request #" + id + "."));
        decide(zoe, id, "reject")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("rejected"));
        decide(author, id, "reject")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("Request #" + id + " is rejected; it can no longer be decided."));
    }

    @Test
    void aRequestOpenedByHandIsBoundToTheVersionAndItsRequesterMayNotApproveIt() throws Exception {
        ciRun("feature", authorName, null, null).andExpect(status().isCreated());
        long id = openByHand(requester);
        JsonNode request = read(mvc.perform(get("/api/v1/approvals/" + id).header("Authorization", "Bearer " + mira)));
        assertThat(request.get("origin").asString()).isNotEqualTo("ci");
        assertThat(request.get("requestedBy").asString()).isEqualTo(requesterName);
        assertThat(request.get("migrations").get(0).get("checksum").asString()).isEqualTo("sum-s1");

        decide(requester, id, "approve")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("You requested this change")));
        decide(mira, id, "approve").andExpect(status().isOk());
        decide(zoe, id, "approve")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("approved"));
    }

    ResultActions ciRun(String branch, String migrationAuthor, String commitAuthor, String pullRequestAuthor)
            throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return send(ci, "/api/v1/ci-runs", """
                {"project":"%s","provider":"github-actions","externalId":"run-%s","attempt":1,
                 "commitSha":"abcdef0123456789abcdef0123456789abcdef01","branch":"%s","startedAt":"%s","finishedAt":"%s",
                 "commitAuthor":%s,"pullRequestAuthor":%s,
                 "checks":[{"name":"lint","status":"passed"}],
                 "migrations":[{"revision":"s1drop","parents":[],"description":"drop orders.note","author":%s,
                    "checksum":"sum-s1","downgrade":"lossy","transactional":true,"phase":"none",
                    "operations":[{"type":"drop_column","table":"orders","column":"note","destructive":true}]}]}
                """.formatted(
                        project,
                        branch,
                        branch,
                        now.minusSeconds(600),
                        now.minusSeconds(300),
                        quoted(commitAuthor),
                        quoted(pullRequestAuthor),
                        quoted(migrationAuthor)));
    }

    long openByHand(String token) throws Exception {
        return read(send(token, "/api/v1/approvals", """
                        {"project":"%s","environment":"prod","revisions":["s1drop"],"reason":"dropping a dead column"}""".formatted(project)).andExpect(status().isCreated()))
                .get("id")
                .asLong();
    }

    JsonNode awaitPending() {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> read(mvc.perform(get("/api/v1/approvals?project=" + project + "&status=pending")
                                .header("Authorization", "Bearer " + zoe))),
                        list -> list.size() == 1)
                .get(0);
    }

    long refusals(long id) {
        return jdbc.sql("select count(*) from audit_entry where action = 'approval.decision-refused' and target_id = ?")
                .param(String.valueOf(id))
                .query(Long.class)
                .single();
    }

    ResultActions decide(String token, long id, String decision) throws Exception {
        return send(
                token,
                "/api/v1/approvals/" + id + "/decisions",
                "{\"decision\":\"%s\",\"comment\":\"looked at it\"}".formatted(decision));
    }

    ResultActions send(String token, String path, String body) throws Exception {
        return mvc.perform(post(path)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    static JsonNode read(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }
}
