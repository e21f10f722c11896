package org.migrationportal.ingest.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest API ({@code portal.ingest.*}).
 *
 * @param maxBodyBytes largest accepted request body after gzip decoding; larger gets 413
 * @param rateLimit per-token token bucket: sustained requests per second and burst size
 * @param idempotency how long Idempotency-Key records are kept (at least 24 h) and when an in-flight claim counts as abandoned
 */
@ConfigurationProperties("portal.ingest")
public record IngestProperties(
        @DefaultValue("16MB") DataSize maxBodyBytes,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Idempotency idempotency) {

    public record RateLimit(
            @DefaultValue("200") long perSecond,
            @DefaultValue("400") long burst) {}

    public record Idempotency(
            @DefaultValue("PT48H") Duration retention,
            @DefaultValue("PT60S") Duration abandonAfter) {

        public Idempotency {
            if (retention.compareTo(Duration.ofHours(24)) < 0) {
                throw new IllegalArgumentException(
                        "portal.ingest.idempotency.retention must be at least 24 hours (IETF draft)");
            }
        }
    }
}
