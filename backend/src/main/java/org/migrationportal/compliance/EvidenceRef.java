package org.migrationportal.compliance;

/** A link to a piece of evidence: {@code {"type":"deployment","id":"42","url":"/deployments/42"}}. */
public record EvidenceRef(String type, String id, String url) {}
