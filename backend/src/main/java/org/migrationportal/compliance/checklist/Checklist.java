package org.migrationportal.compliance.checklist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The rules in the order of SPEC §3, then gate enforcement (ADR 0009). Both the stored checklist and the deploy gate's prospective
 * assessment run through {@link #evaluate}, so they can never disagree.
 */
@Component
public class Checklist {

    public static final List<String> KEYS = List.of(
            VersionControlRule.KEY,
            CiValidationRule.KEY,
            TransactionalDdlRule.KEY,
            EnvironmentSeparationRule.KEY,
            ReviewProcessRule.KEY,
            DowngradePathRule.KEY,
            DestructiveSafetyRule.KEY,
            PreMigrationBackupRule.KEY,
            StagingVerificationRule.KEY,
            ExpandContractRule.KEY,
            DriftRule.KEY,
            SingleHeadRule.KEY,
            GateEnforcementRule.KEY);

    private final List<ChecklistRule> rules;

    public Checklist(List<ChecklistRule> rules) {
        Map<String, ChecklistRule> byKey =
                rules.stream().collect(Collectors.toMap(ChecklistRule::key, Function.identity()));
        if (!byKey.keySet().containsAll(KEYS)) {
            throw new IllegalStateException("Missing checklist rules: "
                    + KEYS.stream().filter(k -> !byKey.containsKey(k)).toList());
        }
        this.rules = KEYS.stream().map(byKey::get).toList();
    }

    /** All rules, as a plain object for tests. */
    public static Checklist standard() {
        return new Checklist(List.of(
                new VersionControlRule(),
                new CiValidationRule(),
                new TransactionalDdlRule(),
                new EnvironmentSeparationRule(),
                new ReviewProcessRule(),
                new DowngradePathRule(),
                new DestructiveSafetyRule(),
                new PreMigrationBackupRule(),
                new StagingVerificationRule(),
                new ExpandContractRule(),
                new DriftRule(),
                new SingleHeadRule(),
                new GateEnforcementRule()));
    }

    public List<ChecklistRule> rules() {
        return rules;
    }

    public List<RuleResult> evaluate(EnvironmentEvidence evidence) {
        List<RuleResult> results = new ArrayList<>();
        for (ChecklistRule rule : rules) {
            results.add(rule.evaluate(evidence));
        }
        return results;
    }

    /** Only the practices that can be judged before a deploy (those with a blocker code). */
    public List<ChecklistRule> preDeployRules() {
        return rules.stream().filter(r -> r.blockerCode() != null).toList();
    }

    public static Status overall(List<RuleResult> results) {
        return Status.worst(results.stream().map(RuleResult::status).toList());
    }

    static Comparator<RuleResult> byKeyOrder() {
        return Comparator.comparingInt(r -> KEYS.indexOf(r.key()));
    }
}
