package org.migrationportal.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The approval policy's checks alone: who may approve what, and when a decision is a conflict. */
class DecisionRulesTests {

    static final RequestedMigration BY_TOMAS = new RequestedMigration("b7e1", "sum-1", "tomas");
    static final RequestedMigration NO_AUTHOR = new RequestedMigration("c9f0", "sum-2", null);

    static DecisionRules.Request request(
            String requester, String status, List<String> changeAuthors, RequestedMigration... migrations) {
        return new DecisionRules.Request("shop", 7, requester, status, List.of(migrations), changeAuthors);
    }

    static DecisionRules.Decision approve(String who) {
        return new DecisionRules.Decision(who, true, ApprovalDecision.APPROVE, false);
    }

    static DecisionRules.Decision reject(String who) {
        return new DecisionRules.Decision(who, true, ApprovalDecision.REJECT, false);
    }

    static Optional<DecisionRules.Refusal> judge(DecisionRules.Request request, DecisionRules.Decision decision) {
        return DecisionRules.refusal(request, decision);
    }

    @Test
    void anotherApproverMayApprove() {
        assertThat(judge(request("jonas", "pending", List.of(), BY_TOMAS), approve("mira")))
                .isEmpty();
    }

    @Test
    void onlyApproversOfTheProjectMayDecide() {
        var refusal = judge(
                request("jonas", "pending", List.of(), BY_TOMAS),
                new DecisionRules.Decision("eve", false, ApprovalDecision.REJECT, false));
        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.forbidden()).isTrue();
            assertThat(r.message()).isEqualTo("Only approvers of shop may decide on this request.");
        });
    }

    @Test
    void theRequesterMayNotApproveWhateverTheCase() {
        assertThat(judge(request("Mira", "pending", List.of(), BY_TOMAS), approve("mira")))
                .hasValueSatisfying(r -> {
                    assertThat(r.forbidden()).isTrue();
                    assertThat(r.message()).startsWith("You requested this change");
                });
    }

    @Test
    void theAuthorAloneMayNotApprove() {
        assertThat(judge(request("jonas", "pending", List.of(), BY_TOMAS), approve("TOMAS")))
                .hasValueSatisfying(r -> {
                    assertThat(r.forbidden()).isTrue();
                    assertThat(r.message()).isEqualTo("You wrote migration b7e1, so you may not approve it.");
                });
    }

    @Test
    void anUnknownAuthorIsReplacedByTheCommitterAndThePullRequestAuthor() {
        var request = request("ci", "pending", List.of("zoe", "ivan"), NO_AUTHOR);
        assertThat(judge(request, approve("zoe"))).hasValueSatisfying(r -> {
            assertThat(r.forbidden()).isTrue();
            assertThat(r.message()).contains("c9f0 names no author");
        });
        assertThat(judge(request, approve("ivan"))).isPresent();
        assertThat(judge(request, approve("mira"))).isEmpty();
    }

    @Test
    void aKnownAuthorIsNotReplacedByTheCommitter() {
        assertThat(judge(request("ci", "pending", List.of("zoe"), BY_TOMAS), approve("zoe")))
                .isEmpty();
    }

    @Test
    void anyoneInvolvedMayReject() {
        assertThat(judge(request("tomas", "pending", List.of("tomas"), BY_TOMAS), reject("tomas")))
                .isEmpty();
    }

    @Test
    void aSecondDecisionOrOneOnAClosedRequestIsAConflict() {
        assertThat(judge(
                        request("jonas", "pending", List.of(), BY_TOMAS),
                        new DecisionRules.Decision("mira", true, ApprovalDecision.APPROVE, true)))
                .hasValueSatisfying(r -> {
                    assertThat(r.forbidden()).isFalse();
                    assertThat(r.message()).isEqualTo("You already decided on request #7.");
                });
        assertThat(judge(request("jonas", "approved", List.of(), BY_TOMAS), reject("mira")))
                .hasValueSatisfying(r -> {
                    assertThat(r.forbidden()).isFalse();
                    assertThat(r.message()).isEqualTo("Request #7 is approved; it can no longer be decided.");
                });
    }

    @Test
    void aForbiddenApprovalIsReportedBeforeAConflict() {
        assertThat(judge(request("mira", "rejected", List.of(), BY_TOMAS), approve("mira")))
                .hasValueSatisfying(r -> assertThat(r.forbidden()).isTrue());
    }
}
