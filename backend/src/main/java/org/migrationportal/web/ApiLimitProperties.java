package org.migrationportal.web;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code portal.api.limits.<group>.max-body-size|per-second|burst}: overrides of an endpoint group's default
 * limits ({@link ApiEndpointGroup}); a group or value left out keeps its default.
 */
@ConfigurationProperties("portal.api")
record ApiLimitProperties(Map<String, Limit> limits) {

    ApiLimitProperties {
        // Environment variables cannot carry the dash of "audit-verify": keys match without dashes or case.
        Map<String, Limit> byCanonicalKey = new java.util.HashMap<>();
        if (limits != null) {
            limits.forEach((key, limit) -> byCanonicalKey.put(canonical(key), limit));
        }
        limits = Map.copyOf(byCanonicalKey);
    }

    private static String canonical(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(java.util.Locale.ROOT);
    }

    record Limit(DataSize maxBodySize, Long perSecond, Long burst) {}

    DataSize maxBodySize(ApiEndpointGroup group) {
        Limit limit = limits.get(canonical(group.key));
        return limit == null || limit.maxBodySize() == null ? group.defaultMaxBodySize : limit.maxBodySize();
    }

    long perSecond(ApiEndpointGroup group) {
        Limit limit = limits.get(canonical(group.key));
        return limit == null || limit.perSecond() == null ? group.defaultPerSecond : limit.perSecond();
    }

    long burst(ApiEndpointGroup group) {
        Limit limit = limits.get(canonical(group.key));
        return limit == null || limit.burst() == null ? group.defaultBurst : limit.burst();
    }
}
