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
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }

    record Limit(DataSize maxBodySize, Long perSecond, Long burst) {}

    DataSize maxBodySize(ApiEndpointGroup group) {
        Limit limit = limits.get(group.key);
        return limit == null || limit.maxBodySize() == null ? group.defaultMaxBodySize : limit.maxBodySize();
    }

    long perSecond(ApiEndpointGroup group) {
        Limit limit = limits.get(group.key);
        return limit == null || limit.perSecond() == null ? group.defaultPerSecond : limit.perSecond();
    }

    long burst(ApiEndpointGroup group) {
        Limit limit = limits.get(group.key);
        return limit == null || limit.burst() == null ? group.defaultBurst : limit.burst();
    }
}
