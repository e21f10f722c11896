package org.migrationportal.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationportal.compliance.ApprovalRecords;
import org.migrationportal.compliance.DeployReadiness.Blocker;
import org.migrationportal.identity.ApiTokens;
import org.migrationportal.identity.Role;
import org.migrationportal.projects.ProjectView;
import org.migrationportal.support.EventPublications;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** A request's life over time: superseded by a changed checksum, expired, and break-glass reviews falling overdue. */
@PortalIntegrationTest
@Import(ApprovalsTestConfiguration.class)
class ApprovalLifecycleTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    ApprovalRequests approvals;

    @Autowired
    ApprovalJobs jobs;

    @Autowired
    ApprovalRecords records;

    @Autowired
    DeployGate gate;

    @Autowired
    ApiTokens tokens;

    @Autowired
    ApprovalsTestConfiguration.ScriptedReadiness readiness;

    String project;
    ProjectView view;
    String ci;

    @BeforeEach
    void setUp() {
        project = TestData.uniqueKey("life");
        view = data.project(project);
        ci = data.projectToken(project, List.of("ci:write"), List.of());
    }

    /** Posts a CI run with one destructive migration and returns the stored run's id. */
    long postCiRun(String externalId, String checksum) throws Exception {
        String answer = mvc.perform(post("/api/v1/ci-runs")
                        .header("Authorization", "Bearer " + ci)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"project":"%s","provider":"github-actions","externalId":"%s","attempt":1,
                                 "commitSha":"4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4","branch":"main",
                                 "checks":[{"name":"lint","status":"passed"}],
                                 "migrations":[{"revision":"b7e1d2c3a4f5","parents":[],"description":"drop legacy_path",
                                   "author":"tomas","checksum":"%s","downgrade":"lossy","transactional":true,
                                   "operations":[{"type":"drop_column","table":"lessons","column":"legacy_path","destructive":true}]}]}""".formatted(project, externalId, checksum)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JSON.readTree(answer).get("id").asLong();
    }

    List<ApprovalRequestView> await(Supplier<List<ApprovalRequestView>> query, int size) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(query::get, found -> found.size() == size);
    }

    @Test
    void aChangedChecksumSupersedesThePendingRequestAndANewOneBindsTheNewChecksum() throws Exception {
        postCiRun("run-1", "sha256:aaaa");
        long first = await(() -> approvals.list(project, "prod", "pending"), 1)
                .get(0)
                .id();
        long replay = postCiRun("run-1-replay", "sha256:aaaa"); // the same migration again: idempotent, nothing new
        // Once approvals' listener has handled the replay, a second request would be there if it had opened one.
        EventPublications.awaitCompleted(
                jdbc, "approvals.EvidenceListener", "\"ciRunId\":" + replay + ",", Duration.ofSeconds(10));
        assertThat(approvals.list(project, null, null)).hasSize(1);

        postCiRun("run-2", "sha256:bbbb");
        ApprovalRequestView superseded =
                await(() -> approvals.list(project, "prod", "superseded"), 1).get(0);
        assertThat(superseded.id()).isEqualTo(first);
        assertThat(superseded.closedReason()).contains("sha256:aaaa").contains("sha256:bbbb");
        ApprovalRequestView replacement =
                await(() -> approvals.list(project, "prod", "pending"), 1).get(0);
        assertThat(replacement.migrations().get(0).checksum()).isEqualTo("sha256:bbbb");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'approval.superseded' and target_id = ?")
                        .param(String.valueOf(first))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aPendingRequestExpiresAfterTheExpiryOnceAcrossInstances() throws Exception {
        postCiRun("run-e", "sha256:eeee");
        ApprovalRequestView request =
                await(() -> approvals.list(project, "prod", "pending"), 1).get(0);
        assertThat(Duration.between(request.openedAt(), request.expiresAt())).isEqualTo(Duration.ofDays(7));

        clock.advance(Duration.ofDays(6));
        approvals.expireDue(); // other tests' requests may expire here; this one must not yet
        assertThat(approvals.get(request.id()).status()).isEqualTo("pending");
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        jobs.expireRequests();

        ApprovalRequestView expired = approvals.get(request.id());
        assertThat(expired.status()).isEqualTo("expired");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'approval.expired' and target_id = ?")
                        .param(String.valueOf(request.id()))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // The job ran under a ShedLock lease held in the database.
        assertThat(jdbc.sql("select count(*) from shedlock where name = 'approvals.expire'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // A decision on an expired request is a conflict, not a change.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> approvals.decide(
                        request.id(), new Decider("mira", Set.of(Role.approverOf(project)), "api"), "approve", "late"))
                .isInstanceOf(org.migrationportal.shared.ConflictException.class);
    }

    @Test
    void aBreakGlassReviewFallsOverdueAndCountsUntilAnApproverClosesIt() throws Exception {
        readiness.script(project, "enforce", new Blocker("backup-missing", "No backup.", List.of()));
        String deployer = data.projectToken(project, List.of("gate:read"), List.of("prod"));
        asAdmin(() -> gate.allowEmergency(
                project,
                tokens.projectTokens(project).stream()
                        .filter(t -> deployer.contains("_" + t.publicId() + "_"))
                        .findFirst()
                        .orElseThrow()
                        .id(),
                true));
        mvc.perform(post("/api/v1/gate")
                        .header("Authorization", "Bearer " + deployer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"project":"%s","environment":"prod","toRevision":"b7e1d2c3a4f5","commitSha":"4f2c9e1a",
                                 "emergency":true,"reason":"outage"}""".formatted(project)))
                .andExpect(status().isOk());
        long prodId = view.environment("prod").orElseThrow().id();
        ApprovalRequestView review = approvals.list(project, "prod", "pending").get(0);
        assertThat(review.kind()).isEqualTo("review");
        assertThat(Duration.between(review.openedAt(), review.dueAt())).isEqualTo(Duration.ofHours(48));

        assertThat(records.overdueReviews(prodId, clock.instant())).isEmpty();
        clock.advance(Duration.ofHours(49));
        assertThat(records.overdueReviews(prodId, clock.instant()))
                .extracting(ApprovalRecords.OverdueReview::reviewId)
                .containsExactly(review.id());
        assertThat(approvals.get(review.id()).overdue()).isTrue();
        approvals.flagOverdueReviews();
        approvals.flagOverdueReviews(); // flagged (audited, notified) once
        assertThat(jdbc.sql(
                                "select count(*) from audit_entry where action = 'break-glass.review-overdue' and target_id = ?")
                        .param(String.valueOf(review.id()))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        approvals.decide(
                review.id(),
                new Decider("mira", Set.of(Role.approverOf(project)), "api"),
                "approve",
                "Hotfix reviewed after the fact.");
        assertThat(approvals.get(review.id()).status()).isEqualTo("approved");
        assertThat(records.overdueReviews(prodId, clock.instant())).isEmpty();
    }

    static void asAdmin(Runnable work) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(
                "test-admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
