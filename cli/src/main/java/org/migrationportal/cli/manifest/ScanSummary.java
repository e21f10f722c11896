package org.migrationportal.cli.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The numbers a reviewer wants before reading a manifest: graph shape, downgrade coverage, the operations
 * that destroy data or take long locks, what could not be classified, and where parsing failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanSummary(
        String tool,
        int files,
        int migrations,
        String master,
        Integer notChangelogs,
        Integer filteredOut,
        List<String> roots,
        List<String> merges,
        List<String> heads,
        DowngradeCoverage downgrade,
        int nonTransactional,
        List<OperationRef> destructiveOperations,
        List<OperationRef> lockTakingOperations,
        List<OperationRef> unclassified,
        List<String> parseErrors,
        List<String> warnings) {

    public record DowngradeCoverage(int reversible, int lossy, int none, double reversiblePercent) {}

    /** An operation named by the migration it belongs to, for the summary lists. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OperationRef(String revision, String type, String table, String column, String file, String detail) {}

    public static ScanSummary of(ScanResult result) {
        List<Migration> migrations = result.migrations();
        Set<String> known = new HashSet<>();
        Set<String> referencedAsParent = new HashSet<>();
        for (Migration m : migrations) {
            known.add(m.revision());
            referencedAsParent.addAll(m.parents());
        }
        List<String> roots = new ArrayList<>();
        List<String> merges = new ArrayList<>();
        Set<String> heads = new LinkedHashSet<>();
        int reversible = 0;
        int lossy = 0;
        int none = 0;
        int nonTransactional = 0;
        List<OperationRef> destructive = new ArrayList<>();
        List<OperationRef> locking = new ArrayList<>();
        List<OperationRef> unclassified = new ArrayList<>();
        for (Migration m : migrations) {
            if (m.parents().isEmpty()) {
                roots.add(m.revision());
            }
            if (m.parents().size() > 1) {
                merges.add(m.revision());
            }
            if (!referencedAsParent.contains(m.revision())) {
                heads.add(m.revision());
            }
            switch (m.downgrade()) {
                case REVERSIBLE -> reversible++;
                case LOSSY -> lossy++;
                case NONE -> none++;
            }
            if (!m.transactional()) {
                nonTransactional++;
            }
            // Indexes and constraints on a table created in the same migration lock nobody out: it is empty.
            Set<String> createdHere = new HashSet<>();
            m.operations().stream()
                    .filter(op -> op.type() == OperationType.CREATE_TABLE && op.table() != null)
                    .forEach(op -> createdHere.add(op.table()));
            for (Operation op : m.operations()) {
                OperationRef ref = new OperationRef(
                        m.revision(),
                        op.type().wireName(),
                        op.table(),
                        op.column(),
                        op.line() > 0 ? m.sourceFile() + ":" + op.line() : m.sourceFile(),
                        op.detail());
                if (op.destructive()) {
                    destructive.add(ref);
                }
                if (op.takesLongLock() && !createdHere.contains(op.table())) {
                    locking.add(ref);
                }
                if (op.type() == OperationType.UNCLASSIFIED) {
                    unclassified.add(ref);
                }
            }
        }
        double percent = migrations.isEmpty() ? 100.0 : Math.round(1000.0 * reversible / migrations.size()) / 10.0;
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (ScanProblem p : result.problems()) {
            (p.severity() == ScanProblem.Severity.ERROR ? errors : warnings).add(p.toString());
        }
        boolean liquibase = result.tool().equals("liquibase");
        return new ScanSummary(
                result.tool(),
                result.files(),
                migrations.size(),
                result.master(),
                liquibase ? result.notChangelogs() : null,
                liquibase ? result.filteredOut() : null,
                roots,
                merges,
                List.copyOf(heads),
                new DowngradeCoverage(reversible, lossy, none, percent),
                nonTransactional,
                destructive,
                locking,
                unclassified,
                errors,
                warnings);
    }
}
