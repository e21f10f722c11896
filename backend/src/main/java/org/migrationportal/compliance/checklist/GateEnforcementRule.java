package org.migrationportal.compliance.checklist;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Deployment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Production deployments go through the deploy gate: each cites a fitting {@code allow} ({@link GateCitation}).
 * One that skipped it fails (warns in advisory mode). The gate cannot judge this before a deploy.
 */
@Component
public class GateEnforcementRule implements ChecklistRule {

    public static final String KEY = "gate-enforcement";

    private final Duration maxAge;

    public GateEnforcementRule() {
        this(GateCitation.DEFAULT_MAX_AGE);
    }

    @Autowired
    public GateEnforcementRule(@Value("${portal.compliance.gate-decision-max-age:PT1H}") Duration maxAge) {
        this.maxAge = maxAge;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public RuleResult evaluate(EnvironmentEvidence e) {
        String env = e.environment().key();
        if (!e.environment().production()) {
            return RuleResult.pass(
                    KEY, env + " is not a production environment: deployments need not ask the gate.", List.of());
        }
        List<Deployment> judged =
                e.applied().stream().filter(Deployment::succeeded).toList();
        if (judged.isEmpty()) {
            return RuleResult.unknown(KEY, "No deployment to " + env + " yet.");
        }
        RuleResult.Builder result = new RuleResult.Builder(KEY);
        for (Deployment d : judged) {
            Optional<String> exception = GateCitation.exception(
                    e.environment().id(),
                    d.toRevision(),
                    d.commitSha(),
                    d.startedAt(),
                    d.gateDecisionId(),
                    d.gateDecisionId() == null ? null : e.gateDecisions().get(d.gateDecisionId()),
                    maxAge);
            if (exception.isPresent()) {
                String message = "Deployment " + d.id() + " of " + d.toRevision() + " skipped the gate: "
                        + exception.get() + ".";
                if (e.policy().advisory()) {
                    result.warn(message, EvidenceLinks.deployment(e, d));
                } else {
                    result.fail(message, EvidenceLinks.deployment(e, d));
                }
            }
        }
        return result.result(
                Texts.all(judged.size(), "deployment", "deployments") + " to " + env
                        + " cited an allow of the gate for the same revision and commit.",
                List.of());
    }
}
