package org.migrationportal.approvals;

import java.util.Arrays;
import java.util.Optional;

/** States of a request: {@code pending} → {@code approved} | {@code rejected} | {@code expired} | {@code superseded}. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED,
    SUPERSEDED;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<ApprovalStatus> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }
}
