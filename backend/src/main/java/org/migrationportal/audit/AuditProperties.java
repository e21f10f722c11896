package org.migrationportal.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit trail (portal.audit.*).
 *
 * @param sealInterval    how often the sealer chains newly committed entries (1–5 s is sensible)
 * @param sealerScheduled whether this instance runs the sealer on its schedule (tests turn it off and seal on demand)
 * @param sealLag         on databases other than PostgreSQL: how long an id must have been visible before it is sealed
 * @param sealBatchSize   most entries chained per seal transaction (one checkpoint each)
 * @param signingKey      the Ed25519 private key as base64 PKCS#8 (or PEM); wins over the key file
 * @param signingKeyFile  PEM file holding the key pair; generated on first start when absent
 */
@ConfigurationProperties("portal.audit")
record AuditProperties(
        @DefaultValue("2s") Duration sealInterval,
        @DefaultValue("true") boolean sealerScheduled,
        @DefaultValue("3s") Duration sealLag,
        @DefaultValue("100000") int sealBatchSize,
        String signingKey,
        @DefaultValue("./data/audit-signing-key.pem") String signingKeyFile) {}
