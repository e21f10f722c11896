package org.migrationportal.compliance.checklist;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.migrationportal.compliance.ApprovalRecords.GateDecisionFacts;

/**
 * Whether a production deployment went through the deploy gate: it must cite an {@code allow} the gate gave for
 * the same environment, revision and commit, no older than the policy's limit when the deployment started.
 * Pure (no Spring, no database): the checklist, the environment page and the change records all ask here.
 */
public final class GateCitation {

    /** How old a gate decision may be when the deployment it allowed starts, unless configured otherwise. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);

    private GateCitation() {}

    /**
     * Why the deployment skipped the gate, or empty when it cites a fitting allow.
     *
     * @param cited the {@code gateDecisionId} the deployment cites, or null
     * @param decision the stored decision with that id, or null when there is none
     */
    public static Optional<String> exception(
            long environmentId,
            String toRevision,
            String commitSha,
            Instant startedAt,
            Long cited,
            GateDecisionFacts decision,
            Duration maxAge) {
        if (cited == null) {
            return Optional.of("cites no gate decision");
        }
        if (decision == null) {
            return Optional.of("cites gate decision " + cited + ", which the portal never gave");
        }
        if (decision.environmentId() != environmentId) {
            return Optional.of("cites gate decision " + cited + ", given for another environment");
        }
        if (!decision.toRevision().equals(toRevision)) {
            return Optional.of("cites gate decision " + cited + ", given for revision " + decision.toRevision()
                    + " not " + toRevision);
        }
        if (!sameCommit(decision.commitSha(), commitSha)) {
            return Optional.of(
                    "cites gate decision " + cited + ", given for commit " + Texts.commit(decision.commitSha()));
        }
        if (!decision.allowed()) {
            return Optional.of("cites gate decision " + cited + ", which said " + decision.decision());
        }
        if (startedAt != null && decision.decidedAt().plus(maxAge).isBefore(startedAt)) {
            return Optional.of("cites gate decision " + cited + " of " + Texts.time(decision.decidedAt())
                    + ", more than " + Texts.duration(maxAge) + " before it started");
        }
        return Optional.empty();
    }

    /** The gate may have been asked with an abbreviated SHA (at least 7 characters) of the deployed commit. */
    static boolean sameCommit(String asked, String deployed) {
        if (asked == null || deployed == null) {
            return false;
        }
        String a = asked.toLowerCase(Locale.ROOT);
        String d = deployed.toLowerCase(Locale.ROOT);
        if (a.equals(d)) {
            return true;
        }
        return Math.min(a.length(), d.length()) >= 7 && (a.startsWith(d) || d.startsWith(a));
    }
}
