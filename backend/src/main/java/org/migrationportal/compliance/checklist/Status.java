package org.migrationportal.compliance.checklist;

import java.util.Collection;
import java.util.Locale;

/** The status of one checklist item, ordered from best to worst: overall is the worst item. */
public enum Status {
    PASS,
    UNKNOWN,
    WARN,
    FAIL;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    public Status worse(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public static Status worst(Collection<Status> statuses) {
        Status worst = PASS;
        for (Status status : statuses) {
            worst = worst.worse(status);
        }
        return statuses.isEmpty() ? UNKNOWN : worst;
    }
}
