package org.migrationportal.audit;

/** The checkpoint-verification key: {@code publicKey} is base64 X.509 SubjectPublicKeyInfo DER, {@code pem} the same as PEM. */
public record AuditPublicKey(String algorithm, String keyId, String publicKey, String pem) {}
