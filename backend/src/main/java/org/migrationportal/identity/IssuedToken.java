package org.migrationportal.identity;

/** A freshly issued token: the only moment its full value is ever available. Deliberately not Serializable: it must never be written to the (database-backed) session. */
public record IssuedToken(long id, String token, TokenView details) {}
