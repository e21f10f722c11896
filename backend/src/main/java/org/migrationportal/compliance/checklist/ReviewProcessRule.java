package org.migrationportal.compliance.checklist;

import java.util.List;
import java.util.Locale;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Migration;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Review;
import org.springframework.stereotype.Component;

/** Human review of generated DDL: each deployed migration was approved in review by someone other than its author. */
@Component
public class ReviewProcessRule implements ChecklistRule {

    public static final String KEY = "review-process";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public RuleResult evaluate(EnvironmentEvidence e) {
        if (e.applied().isEmpty()) {
            return RuleResult.unknown(KEY, "No deployment to " + e.environment().key() + " yet.");
        }
        int required = Math.max(1, e.policy().reviewsRequired());
        List<Migration> migrations = e.appliedMigrations();
        RuleResult.Builder result = new RuleResult.Builder(KEY);
        for (Migration m : migrations) {
            String author = m.author() == null ? "" : m.author().toLowerCase(Locale.ROOT);
            long reviewers = e.reviewsByVersion().getOrDefault(m.id(), List.of()).stream()
                    .filter(Review::approving)
                    .map(r -> r.reviewer().toLowerCase(Locale.ROOT))
                    .filter(r -> !r.equals(author))
                    .distinct()
                    .count();
            if (reviewers < required) {
                result.fail(
                        m.revision() + " has " + Texts.plural(reviewers, "approving review", "approving reviews")
                                + " by someone other than its author" + (m.author() == null ? "" : " " + m.author())
                                + "; needs " + required + ".",
                        EvidenceLinks.migration(e, m.revision()));
            }
        }
        return result.result(
                Texts.all(migrations.size(), "deployed migration was", "deployed migrations were")
                        + " approved in review by someone other than the author.",
                List.of());
    }
}
