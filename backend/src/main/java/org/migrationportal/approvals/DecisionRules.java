package org.migrationportal.approvals;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The approval policy's checks on one decision, free of Spring and the database so each can be tested (and
 * mutation-tested) on its own. {@link ApprovalRequests#decide} gathers the facts and acts on the verdict.
 *
 * <p>An approver may not approve what they asked for or wrote. A migration whose author nobody named is not
 * "no conflict": the CI run's committer and pull-request author take the author's place.
 */
final class DecisionRules {

    private DecisionRules() {}

    /** What is known about the request being decided. */
    record Request(
            String projectKey,
            long id,
            String requestedBy,
            String status,
            List<RequestedMigration> migrations,
            List<String> changeAuthors) {}

    /** What is known about the person deciding. */
    record Decision(String username, boolean approverOfProject, String decision, boolean alreadyDecided) {}

    /** Why a decision is not taken: {@code forbidden} answers 403 (and is audited), otherwise 409. */
    record Refusal(boolean forbidden, String message) {}

    static Optional<Refusal> refusal(Request request, Decision decision) {
        if (!decision.approverOfProject()) {
            return forbidden("Only approvers of " + request.projectKey() + " may decide on this request.");
        }
        if (ApprovalDecision.APPROVE.equals(decision.decision())) {
            String who = decision.username();
            if (same(who, request.requestedBy())) {
                return forbidden(
                        "You requested this change, so you may not approve it: approvals must come from someone else.");
            }
            for (RequestedMigration migration : request.migrations()) {
                if (known(migration.author())) {
                    if (same(who, migration.author())) {
                        return forbidden(
                                "You wrote migration " + migration.revision() + ", so you may not approve it.");
                    }
                } else if (request.changeAuthors().stream().anyMatch(a -> same(who, a))) {
                    return forbidden("Migration " + migration.revision()
                            + " names no author and you committed or opened the change, so you may not approve it.");
                }
            }
        }
        if (!ApprovalStatus.PENDING.value().equals(request.status())) {
            return conflict("Request #" + request.id() + " is " + request.status() + "; it can no longer be decided.");
        }
        if (decision.alreadyDecided()) {
            return conflict("You already decided on request #" + request.id() + ".");
        }
        return Optional.empty();
    }

    private static boolean known(String name) {
        return name != null && !name.isBlank();
    }

    private static boolean same(String a, String b) {
        return known(a)
                && known(b)
                && a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }

    private static Optional<Refusal> forbidden(String message) {
        return Optional.of(new Refusal(true, message));
    }

    private static Optional<Refusal> conflict(String message) {
        return Optional.of(new Refusal(false, message));
    }
}
