package org.migrationportal.compliance.checklist;

/** One practice of the SPEC §3 checklist, judged over an environment's evidence. */
public interface ChecklistRule {

    /** The stable item key, e.g. {@code destructive-safety}. */
    String key();

    /**
     * The deploy gate's reason code when this practice would fail for a planned deployment, or {@code null}
     * when the practice cannot be judged before a deploy.
     */
    default String blockerCode() {
        return null;
    }

    RuleResult evaluate(EnvironmentEvidence evidence);
}
