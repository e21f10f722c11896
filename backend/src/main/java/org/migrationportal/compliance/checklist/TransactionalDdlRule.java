package org.migrationportal.compliance.checklist;

import java.util.List;
import java.util.Set;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Migration;
import org.migrationportal.compliance.checklist.EnvironmentEvidence.Operation;
import org.springframework.stereotype.Component;

/** DDL runs in transactions: a non-transactional migration may only hold concurrent index operations. */
@Component
public class TransactionalDdlRule implements ChecklistRule {

    public static final String KEY = "transactional-ddl";
    private static final Set<String> INDEX_OPERATIONS = Set.of("create_index", "drop_index");

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public RuleResult evaluate(EnvironmentEvidence e) {
        if (e.applied().isEmpty()) {
            return RuleResult.unknown(KEY, "No deployment to " + e.environment().key() + " yet.");
        }
        List<Migration> migrations = e.appliedMigrations();
        RuleResult.Builder result = new RuleResult.Builder(KEY);
        long autocommit = 0;
        for (Migration m : migrations) {
            if (m.transactional()) {
                continue;
            }
            autocommit++;
            List<Operation> mixed = m.operations().stream()
                    .filter(op -> !(op.concurrently() && INDEX_OPERATIONS.contains(op.type())))
                    .toList();
            if (!mixed.isEmpty()) {
                result.warn(
                        m.revision() + " runs outside a transaction and also "
                                + mixed.get(0).describe() + ": isolate autocommit work in its own migration.",
                        EvidenceLinks.migration(e, m.revision()));
            }
        }
        return result.result(
                Texts.all(migrations.size(), "deployed migration runs", "deployed migrations run") + " in a transaction"
                        + (autocommit == 0 ? "." : " or hold only concurrent index operations (" + autocommit + ")."),
                List.of());
    }
}
