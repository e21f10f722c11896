package org.migrationportal.compliance.checklist;

import java.util.ArrayList;
import java.util.List;
import org.migrationportal.compliance.EvidenceRef;

/**
 * What a rule concluded: status, a one-line reason, evidence links, and the individual findings (one per
 * offending deployment or migration) that the deploy gate turns into blockers.
 */
public record RuleResult(String key, Status status, String reason, List<EvidenceRef> evidence, List<Finding> findings) {

    public RuleResult {
        evidence = List.copyOf(evidence.size() > 20 ? evidence.subList(0, 20) : evidence);
        findings = List.copyOf(findings);
    }

    public record Finding(Status status, String message, List<EvidenceRef> evidence) {}

    public static RuleResult pass(String key, String reason, List<EvidenceRef> evidence) {
        return new RuleResult(key, Status.PASS, reason, evidence, List.of());
    }

    public static RuleResult unknown(String key, String reason) {
        return new RuleResult(key, Status.UNKNOWN, reason, List.of(), List.of());
    }

    /** Collects findings and turns them into a result: the worst finding wins, the first of that status is the reason. */
    public static final class Builder {
        private final String key;
        private final List<Finding> findings = new ArrayList<>();

        public Builder(String key) {
            this.key = key;
        }

        public Builder fail(String message, EvidenceRef... evidence) {
            findings.add(new Finding(Status.FAIL, message, List.of(evidence)));
            return this;
        }

        public Builder warn(String message, EvidenceRef... evidence) {
            findings.add(new Finding(Status.WARN, message, List.of(evidence)));
            return this;
        }

        public boolean isEmpty() {
            return findings.isEmpty();
        }

        /** @param passReason reason when there is no finding; {@code summary} prefixes the count when several */
        public RuleResult result(String passReason, List<EvidenceRef> passEvidence) {
            if (findings.isEmpty()) {
                return pass(key, passReason, passEvidence);
            }
            Status worst = Status.worst(findings.stream().map(Finding::status).toList());
            List<Finding> worstFindings =
                    findings.stream().filter(f -> f.status() == worst).toList();
            String reason = worstFindings.get(0).message();
            if (worstFindings.size() > 1) {
                reason = reason + " (+" + (worstFindings.size() - 1) + " more)";
            }
            List<EvidenceRef> evidence = new ArrayList<>();
            findings.stream()
                    .sorted((a, b) -> b.status().compareTo(a.status()))
                    .forEach(f -> f.evidence().stream()
                            .filter(e -> !evidence.contains(e))
                            .forEach(evidence::add));
            return new RuleResult(key, worst, reason, evidence, findings);
        }
    }
}
