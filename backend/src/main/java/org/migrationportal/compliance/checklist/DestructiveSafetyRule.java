package org.migrationportal.compliance.checklist;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.migrationportal.compliance.ApprovalRecords.GrantedApproval;
import org.migrationportal.compliance.ApprovalRecords.OverdueReview;
import org.migrationportal.compliance.EvidenceRef;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Deployment;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Migration;
import org.springframework.stereotype.Component;

/**
 * Prevent accidental data loss: a destructive migration reaches production only with enough approvals,
 * granted before the deployment started, for the same checksum, by people other than the requester and
 * author. Also fails while a break-glass review is overdue.
 */
@Component
public class DestructiveSafetyRule implements ChecklistRule {

    public static final String KEY = "destructive-safety";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String blockerCode() {
        return "approval-missing";
    }

    @Override
    public RuleResult evaluate(EnvironmentEvidence e) {
        String env = e.environment().key();
        if (!e.environment().production()) {
            return RuleResult.pass(
                    KEY,
                    env + " is not a production environment: destructive changes need no approval here.",
                    List.of());
        }
        RuleResult.Builder result = new RuleResult.Builder(KEY);
        for (OverdueReview review : e.overdueReviews()) {
            result.fail(
                    "Break-glass review " + review.reviewId() + " has been overdue since " + Texts.time(review.dueAt())
                            + ".",
                    new EvidenceRef(
                            "break-glass-review",
                            String.valueOf(review.reviewId()),
                            "/approvals/reviews/" + review.reviewId()));
        }
        if (e.applied().isEmpty() && result.isEmpty()) {
            return RuleResult.unknown(KEY, "No deployment to " + env + " yet.");
        }
        int needed = e.policy().approvalsRequired();
        Set<String> destructive = new LinkedHashSet<>();
        for (Deployment d : e.applied()) {
            for (String revision : d.revisions()) {
                Migration m = e.migration(d, revision).orElse(null);
                if (m == null || !m.isDestructive()) {
                    continue;
                }
                destructive.add(revision);
                List<GrantedApproval> granted = e.approvalsByVersion().getOrDefault(m.id(), List.of());
                // An author nobody named is not "no conflict": the committer and pull-request author take its place.
                Set<String> authors = new LinkedHashSet<>();
                if (m.author() != null && !m.author().isBlank()) {
                    authors.add(m.author().toLowerCase(Locale.ROOT));
                } else {
                    e.manifest(d)
                            .ifPresent(manifest -> manifest.run().changeAuthors().stream()
                                    .map(a -> a.toLowerCase(Locale.ROOT))
                                    .forEach(authors::add));
                }
                if (authors.isEmpty()) {
                    result.warn(
                            revision + " names no author and its CI run no committer or pull-request author: "
                                    + "approvals cannot be checked against the author.",
                            EvidenceLinks.migration(e, revision));
                }
                int best = 0;
                List<EvidenceRef> refs = new ArrayList<>();
                refs.add(EvidenceLinks.deployment(e, d));
                refs.add(EvidenceLinks.migration(e, revision));
                for (GrantedApproval approval : granted) {
                    refs.add(EvidenceLinks.approval(approval.requestId()));
                    if (approval.approvedAt() == null || !approval.approvedAt().isBefore(d.startedAt())) {
                        continue;
                    }
                    String requester = approval.requester() == null
                            ? ""
                            : approval.requester().toLowerCase(Locale.ROOT);
                    int valid = (int) approval.approvers().stream()
                            .map(a -> a.toLowerCase(Locale.ROOT))
                            .filter(a -> !authors.contains(a) && !a.equals(requester))
                            .distinct()
                            .count();
                    best = Math.max(best, valid);
                }
                if (best >= needed) {
                    continue;
                }
                String what = revision + " " + m.destructiveSummary();
                if (granted.isEmpty()) {
                    result.fail(
                            what + ": no approval found"
                                    + (e.approvalsAvailable() ? "" : " (no approvals module is installed)") + "; needs "
                                    + needed + " for " + env + ".",
                            refs.toArray(EvidenceRef[]::new));
                } else {
                    result.fail(
                            what + ": needs " + Texts.plural(needed, "approval", "approvals") + " for " + env + ", has "
                                    + best + ".",
                            refs.toArray(EvidenceRef[]::new));
                }
            }
        }
        return result.result(
                destructive.isEmpty()
                        ? "No destructive migration reached " + env + " in the judged deployments."
                        : Texts.all(destructive.size(), "destructive migration", "destructive migrations") + " reached "
                                + env + " with " + needed + " valid " + (needed == 1 ? "approval" : "approvals") + ".",
                List.of());
    }
}
