package org.migrationportal.identity;

/** A freshly issued token: the only moment its full value is ever available. */
public record IssuedToken(long id, String token, TokenView details) {}
