package org.migrationportal.compliance;

import java.time.Instant;
import java.util.List;

/** The checklist of one environment: overall status (the worst item), the policy version used, and every item. */
public record EnvironmentCompliance(
        String project,
        String environment,
        String status,
        int policyVersion,
        Instant evaluatedAt,
        List<ItemStatus> items) {

    public long count(String status) {
        return items.stream().filter(i -> i.status().equals(status)).count();
    }

    public ItemStatus item(String key) {
        return items.stream().filter(i -> i.key().equals(key)).findFirst().orElse(null);
    }
}
