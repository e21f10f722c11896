package org.migrationportal.compliance.checklist;

import java.util.List;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Deployment;
import org.springframework.stereotype.Component;

/** Strict controls for production: only pipelines with tokens restricted to the environment deploy there. */
@Component
public class EnvironmentSeparationRule implements ChecklistRule {

    public static final String KEY = "environment-separation";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public RuleResult evaluate(EnvironmentEvidence e) {
        String env = e.environment().key();
        if (!e.environment().production()) {
            return RuleResult.pass(
                    KEY, env + " is not a production environment: no extra controls required.", List.of());
        }
        if (e.deployments().isEmpty()) {
            return RuleResult.unknown(KEY, "No deployment to " + env + " yet.");
        }
        RuleResult.Builder result = new RuleResult.Builder(KEY);
        for (Deployment d : e.deployments()) {
            if ("human".equals(d.actorType())) {
                result.fail(
                        "Deployment " + d.id() + " to " + env + " was run by a human ("
                                + (d.actorName() == null ? "unnamed" : d.actorName()) + ").",
                        EvidenceLinks.deployment(e, d));
            } else if (d.tokenId() == null) {
                result.fail(
                        "Deployment " + d.id() + " to " + env
                                + " carries no token: cannot show it came from a restricted pipeline.",
                        EvidenceLinks.deployment(e, d));
            } else if (!d.tokenRestricted()) {
                result.fail(
                        "Deployment " + d.id() + " to " + env + " used a token not restricted to " + env + ".",
                        EvidenceLinks.deployment(e, d));
            }
        }
        return result.result(
                Texts.all(e.deployments().size(), "deployment", "deployments") + " to " + env
                        + " ran from pipelines with tokens restricted to it.",
                List.of());
    }
}
