package org.migrationportal.shared;

/** One invalid field of a request, as shown in a problem response or next to a form input. */
public record FieldProblem(String field, String message) {}
