package org.migrationportal.cli.manifest;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a migration can be undone: really, only with data loss, or not at all. */
public enum DowngradeKind {
    REVERSIBLE,
    LOSSY,
    NONE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A downgrade that exists is lossy when the upgrade destroyed data it cannot bring back. */
    public static DowngradeKind ofWrittenDowngrade(java.util.List<Operation> upgradeOperations) {
        return upgradeOperations.stream().anyMatch(Operation::losesData) ? LOSSY : REVERSIBLE;
    }
}
