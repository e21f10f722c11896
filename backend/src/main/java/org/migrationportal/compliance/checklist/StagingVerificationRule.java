package org.migrationportal.compliance.checklist;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Deployment;
import org.springframework.stereotype.Component;

/**
 * Staging mirrors production: a revision reaches an environment only after it succeeded on the environment
 * that verifies it; a verification that held a long lock warns.
 */
@Component
public class StagingVerificationRule implements ChecklistRule {

    public static final String KEY = "staging-verification";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String blockerCode() {
        return "staging-not-verified";
    }

    @Override
    public RuleResult evaluate(EnvironmentEvidence e) {
        String env = e.environment().key();
        String verifier = e.environment().verifierKey();
        if (verifier == null) {
            return e.environment().production()
                    ? new RuleResult(
                            KEY,
                            Status.WARN,
                            "Production environment " + env + " has no verifying environment configured.",
                            List.of(),
                            List.of())
                    : RuleResult.pass(KEY, env + " needs no prior verification.", List.of());
        }
        if (e.applied().isEmpty()) {
            return RuleResult.unknown(KEY, "No deployment to " + env + " yet.");
        }
        Map<String, Set<String>> ancestry = new HashMap<>();
        RuleResult.Builder result = new RuleResult.Builder(KEY);
        long threshold = e.policy().lockThresholdMs();
        int revisions = 0;
        for (Deployment d : e.applied()) {
            Deployment latestVerified = null;
            for (Deployment v : e.verifierDeployments()) {
                Instant done = v.finishedAt() == null ? v.startedAt() : v.finishedAt();
                if (v.succeeded() && !done.isAfter(d.startedAt())) {
                    latestVerified = v;
                }
            }
            for (String revision : d.revisions()) {
                revisions++;
                Set<String> verified = latestVerified == null
                        ? Set.of()
                        : ancestry.computeIfAbsent(latestVerified.toRevision(), e.graph()::ancestorsOrSelf);
                if (!verified.contains(revision)) {
                    result.fail(
                            revision + " has not succeeded on " + verifier
                                    + (e.prospective() ? "." : " before deployment " + d.id() + "."),
                            EvidenceLinks.deployment(e, d),
                            EvidenceLinks.migration(e, revision));
                    continue;
                }
                Deployment applying = null;
                for (Deployment v : e.verifierDeployments()) {
                    if (v.succeeded()
                            && !v.startedAt().isAfter(d.startedAt())
                            && v.revisions().contains(revision)) {
                        applying = v;
                    }
                }
                if (applying != null && applying.maxLockMs() != null && applying.maxLockMs() > threshold) {
                    result.warn(
                            revision + " held a lock for " + Texts.seconds(applying.maxLockMs()) + " on " + verifier
                                    + " (threshold " + Texts.seconds(threshold) + ").",
                            EvidenceLinks.deployment(e, applying));
                }
            }
        }
        return result.result(
                "Every deployed revision (" + revisions + ") succeeded on " + verifier
                        + " first, within the lock threshold.",
                List.of());
    }
}
