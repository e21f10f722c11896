package org.migrationportal.cli.portal;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful (2xx) answer from the portal, with the attempts it took. */
public record PortalResponse(int status, JsonNode body, int attempts) {}
